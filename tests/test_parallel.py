"""--jobs N gives the same report, in the same order, as one process; cross-file checks see every file."""

from __future__ import annotations

from copydesk.api import lint_paths
from copydesk.config import Config


def test_process_pool_output_is_identical(tmp_path):
    for i in range(12):
        (tmp_path / f"d{i:02}.md").write_text(
            f"# Budget Vote Set for Monday\n\nThe the council met {i} times. Experts say it helps.\n"
        )
    (tmp_path / "notes.txt").write_text("Short Headline Here\n\nExit mobile version\n")
    one = lint_paths([str(tmp_path)], Config(), jobs=1)
    two = lint_paths([str(tmp_path)], Config(), jobs=2)
    assert [d.to_dict() for d in one.diagnostics] == [d.to_dict() for d in two.diagnostics]
    dups = [d.path.rsplit("/", 1)[-1] for d in two.diagnostics if d.rule == "headlines.DuplicateAcrossFiles"]
    assert dups == [f"d{i:02}.md" for i in range(1, 12)]
