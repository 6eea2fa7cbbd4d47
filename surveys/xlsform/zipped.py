"""How large a workbook is once unpacked, read from its zip directory before anything is decompressed.

A .xlsx is a zip: a 2 MB upload can unpack to gigabytes of sheet XML and shared strings, which openpyxl
would hold in memory. Python's zip reader stops at each member's declared size, so the declared sizes
are a bound the file cannot exceed by lying.
"""

from __future__ import annotations

import io
import zipfile

__all__ = ["unpacked_size"]


def unpacked_size(data: bytes) -> int:
    """The bytes the workbook ``data`` unpacks to.

    Raises:
        zipfile.BadZipFile: ``data`` is not a zip file.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(item.file_size for item in archive.infolist())
