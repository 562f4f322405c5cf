"""P5 anchor: call_soon callbacks scheduled and run, in batches of 1000; ns per callback."""
import asyncio
import sys
import time

BATCH = 1000
counter = 0

def cb():
    global counter
    counter += 1

def batch(loop):
    for _ in range(BATCH):
        loop.call_soon(cb)
    loop.call_soon(loop.stop)
    loop.run_forever()

loop = asyncio.new_event_loop()
batches = 200 if "--quick" in sys.argv else 1000
best = float("inf")
for _ in range(5):
    t0 = time.perf_counter()
    for _ in range(batches):
        batch(loop)
    best = min(best, (time.perf_counter() - t0) / (batches * BATCH) * 1e9)
loop.close()
print("call_soon", round(best, 1))
