"""Limits on what rendering a template pack may cost, in one place.

A pack is untrusted input (it may come from another office as a .zip), so
rendering it is bounded in time, in work and in size.  The numbers are far
above what a real report needs: the large benchmark report renders in well
under 0.1 s and produces about 200,000 characters of markup.
"""

from __future__ import annotations

#: Wall-clock time one render of a whole report may take (seconds).
RENDER_TIME_LIMIT_S = 4.0
#: Loop iterations plus calls one render may make.
MAX_STEPS = 3_000_000
#: Characters of block markup one render may produce (all sections together).
MAX_OUTPUT_CHARS = 4_000_000
#: Length of any single string, list or tuple a template may build.
MAX_VALUE_SIZE = 1_000_000
#: Largest integer a template may pass to a filter or method (widths, counts, repeats).
MAX_INT_ARGUMENT = 100_000
#: Largest field width in a "%…d" or "{:…}" format.
MAX_FORMAT_WIDTH = 1_000
#: Largest exponent of ``**`` and largest size (bits) of its result.
MAX_POWER_BITS = 4_096
#: How often (in steps) the clock is read.
CLOCK_EVERY = 512

#: Time a worker process may run before it is stopped (the pack editor's preview, ``templates check``).
WORKER_TIME_LIMIT_S = 10.0
#: Address space a worker process may use (bytes; POSIX only).
WORKER_MEMORY_BYTES = 1_500 * 1024 * 1024

#: Sharing packs as .zip: how many files, how large each and all together (bytes, uncompressed).
ZIP_MAX_FILES = 200
ZIP_MAX_FILE_BYTES = 5 * 1024 * 1024
ZIP_MAX_TOTAL_BYTES = 20 * 1024 * 1024
#: Largest compression ratio of one member (a zip bomb compresses far more).
ZIP_MAX_RATIO = 200
#: File kinds a pack may hold.
PACK_FILE_SUFFIXES = (".toml", ".j2", ".docx", ".md", ".txt", ".json")
