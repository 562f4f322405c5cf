"""P4 anchor: two tasks ping-ponging with `await asyncio.sleep(0)`; ns per step.
Usage: p4_task_steps.py [asyncio|uvloop] [--quick]"""
import asyncio
import sys
import time

STEPS = 50_000

async def worker():
    for _ in range(STEPS):
        await asyncio.sleep(0)

async def main():
    t1 = asyncio.create_task(worker())
    t2 = asyncio.create_task(worker())
    await t1
    await t2

def run_once(flavour):
    if flavour == "uvloop":
        import uvloop
        loop_factory = uvloop.new_event_loop
    else:
        loop_factory = asyncio.new_event_loop
    loop = loop_factory()
    try:
        t0 = time.perf_counter()
        loop.run_until_complete(main())
        return (time.perf_counter() - t0) / (2 * STEPS) * 1e9
    finally:
        loop.close()

flavour = sys.argv[1] if len(sys.argv) > 1 else "asyncio"
rounds = 3 if "--quick" in sys.argv else 7
print(flavour, round(min(run_once(flavour) for _ in range(rounds)), 1))
