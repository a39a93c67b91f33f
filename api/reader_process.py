"""Imported first by the fork server that starts the upload readers (api/uploads.py), and nowhere else.

Whatever the fork server does runs below the priority of the requests: importing the readers when the
service starts, and every reader forked from it afterwards inherits that priority.
"""

import contextlib
import os
import warnings

with contextlib.suppress(OSError):
    os.nice(10)

# multiprocessing runs the main module again in each reader; the fork server has imported it already (see
# api.uploads._main_module), which runpy warns about on every file read. The second run is meant and harmless.
warnings.filterwarnings("ignore", message=r"'.*' found in sys\.modules after import of package",
                        category=RuntimeWarning, module="runpy")
