"""Letters: the page layout, the fonts for every script, safe markup."""
