"""P6 anchor: bytes traced (tracemalloc) per task suspended on one future, with N tasks."""
import asyncio
import sys
import tracemalloc

N = 20_000 if "--quick" in sys.argv else 100_000

async def waiter(gate):
    await gate

async def main():
    loop = asyncio.get_running_loop()
    gate = loop.create_future()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    tasks = [asyncio.create_task(waiter(gate)) for _ in range(N)]
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    gate.set_result(None)
    await asyncio.gather(*tasks)
    return (after - before) / N

print("task_bytes", round(asyncio.run(main())))
