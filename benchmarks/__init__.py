"""The benchmark suite behind ``make bench`` (``python -m benchmarks``).

Every figure is a ratio against a baseline measured in the same run on the same machine,
because absolute times on a shared machine drift. Each section is a module with a
``run(config) -> list[Row]`` function and a ``SPECS`` list naming the rows it promises, so the
table always has every target row, even for a section whose subject is not importable yet.

Sections: throughput, scaling, doclen, parallel, service, memory, eval (see each module).
"""
