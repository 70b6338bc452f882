"""Delivery: the outbox engine and its targets (webhook, OSDI, folder)."""
