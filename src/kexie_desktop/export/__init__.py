"""PDF export in the layout of 党政机关公文 (GB/T 9704-2012).

ReportLab is imported only inside this package, and only by the modules that draw; importing
``kexie_desktop.export`` itself (for ``PdfOptions``) stays cheap.
"""

from kexie_desktop.export.options import PageNumberPlacement, PdfOptions

__all__ = ["PageNumberPlacement", "PdfOptions"]
