"""sarft package."""
