"""What many test folders share: one fake clock, one finder of the session a test buys in."""
