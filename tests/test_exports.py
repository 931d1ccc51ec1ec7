"""Exports and templates from the systems a client site runs: 勤怠 (KING OF TIME, ジョブカン,
freee), 工数 (Redmine), 請求書一覧 (freee, マネーフォワード), each written with the exact bytes
the system writes (CP932 or UTF-8 with BOM, CRLF, quoting)."""

from __future__ import annotations

import ledgerkit


def _csv(path, lines: list[str], encoding: str = "cp932") -> None:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))


def test_a_redmine_time_log_csv_takes_the_user_column_as_the_person(tmp_path):
    # Redmine's 作業時間 CSV (ja): ユーザー is the person, 作業分類 the task. Before, the person was
    # the file name ("redmine_timelog") for every row, and the people's hours were one.
    _csv(tmp_path / "redmine_timelog.csv", [
        '"プロジェクト","日付","作成日","週","ユーザー","作業分類","チケット","コメント","時間"',
        '"基幹刷新","2026-10-01","2026-10-01 18:00","40","山田 太郎","設計","機能 #123: 画面設計","レビュー","3.50"',
        '"基幹刷新","2026-10-01","2026-10-01 18:00","40","山田 太郎","開発","機能 #124: API","","4.00"',
        '"保守","2026-10-02","2026-10-02 18:00","40","佐藤 花子","調査","バグ #200: 帳票","","2.25"',
    ])
    result = ledgerkit.aggregate(tmp_path, kind="auto")
    assert result.kind == "hours"
    f = result.frame
    assert f[["person", "project", "task", "hours"]].values.tolist() == [
        ["山田太郎", "基幹刷新", "設計", 3.5], ["山田太郎", "基幹刷新", "開発", 4.0], ["佐藤花子", "保守", "調査", 2.25]]
    assert result.issues == [] and result.stats.balanced
