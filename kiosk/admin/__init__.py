"""Staff administration: PIN check, lockout and the actions the admin screen offers."""
