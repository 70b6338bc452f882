"""The signature database: every SQL statement the kiosk and its collector run."""
