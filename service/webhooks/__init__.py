"""Webhooks: the transactional outbox of events, endpoints (subscriptions) and their dispatcher."""
