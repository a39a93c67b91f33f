"""A short run of the load test (bench/load.py): 32 connections of mixed reads and writes answer without one error."""

from bench.load import drive


async def test_thirty_two_connections_of_reads_and_writes_answer_without_errors(live_server: str) -> None:
    result = await drive(live_server, connections=32, seconds=5)
    print(f"[reliability] load test\n{result.summary()}")
    assert result.writes > 32 and result.reads > 32, result.summary()
    assert result.errors == [], result.summary()
