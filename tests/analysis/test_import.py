"""The analysis package stays independent of the web stack and does no work at import time."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_analysis_loads_no_web_framework_and_no_model():
    code = (
        "import json, sys; import analysis; "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'flask', 'flask_sqlalchemy', 'wtforms', 'sqlalchemy', 'surveys', 'feedback', 'torch', "
        "'sentence_transformers', 'transformers', 'nltk'})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )
    assert json.loads(done.stdout) == []


def test_public_api_is_declared():
    import analysis

    assert "find_themes" in analysis.__all__ and "ThemeFinder" in analysis.__all__
    assert all(hasattr(analysis, name) for name in analysis.__all__)
