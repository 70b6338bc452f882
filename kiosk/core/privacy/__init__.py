"""What the kiosk keeps of a signer and in what form: sealed records and their keys."""
