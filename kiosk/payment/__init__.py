"""payment package."""
