"""Touch widgets the patron screens are built from."""
