"""What many test folders share: one fake clock (more to follow, issue 17 item 9)."""
