"""Everything the helpline keeps in Redis: each concern in one module, every key in `keys`.

No Flask and no Twilio in here. The web layer, the worker and the CLI reach
Redis only through these classes, built once by helpline.wiring.
"""
