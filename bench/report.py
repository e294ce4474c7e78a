"""Provides the bar of the benchmark and the table run.py prints from its results."""

from __future__ import annotations

import interop
import keys

BARS = {
    "startup_builtin_vs_bare": 1.25,
    "startup_wp_vs_builtin": 1.5,
    "key_wp_vs_builtin": 1.2,
    "key_saving_vs_not": 1.5,
    "rss_wp_mb": 100.0,
    "linking_4x_vs_1x": 4.5,
    "startup_builtin_library_vs_own": 1.5,
    "linking_wp_library_vs_150": 2.0,
}


def _ratio(a, b):
    return round(a / b, 3) if a is not None and b else None


def bars(results: dict) -> list[dict]:
    startup = results["startup"]
    rows = []

    def add(figure: str, bar_key: str, value, unit: str = "×") -> None:
        limit = BARS[bar_key]
        rows.append(
            {
                "figure": figure,
                "bar": f"≤ {limit:g}{' MB' if unit == 'MB' else ''}",
                "value": value,
                "pass": None if value is None else value <= limit,
            }
        )

    add(
        "built-in start-up ÷ bare Textual app",
        "startup_builtin_vs_bare",
        _ratio(startup["builtin"]["median_s"], startup["bare"]["median_s"]),
    )
    wp = startup.get("war_and_peace")
    add(
        "War and Peace start-up ÷ built-in start-up",
        "startup_wp_vs_builtin",
        _ratio(wp["median_s"], startup["builtin"]["median_s"]) if wp else None,
    )
    key_results = results["keys"]
    for key in keys.series_cycles():
        built = key_results.get("builtin", {}).get(key, {}).get("median_ms")
        large = key_results.get("war_and_peace", {}).get(key, {}).get("median_ms")
        add(
            f"key {key}: War and Peace ÷ built-in (median)",
            "key_wp_vs_builtin",
            _ratio(large, built),
        )
    saving_source = key_results.get("war_and_peace") or key_results.get("builtin", {})
    add(
        "key j while saving ÷ without (median; both right after a frame)",
        "key_saving_vs_not",
        _ratio(
            saving_source.get("j (saving)", {}).get("median_ms"),
            saving_source.get("j (after v)", {}).get("median_ms"),
        ),
    )
    add(
        "peak RSS, War and Peace with cards and notes (MB)",
        "rss_wp_mb",
        results["memory"]["war_and_peace"]["median_peak_rss_mb"]
        if "war_and_peace" in results["memory"]
        else None,
        unit="MB",
    )
    add("linking time at 4× length ÷ at 1×", "linking_4x_vs_1x", results["linking"]["ratio_4x_1x"])
    library = startup.get("builtin_library")
    add(
        "built-in start-up with the card library ÷ with its own cards",
        "startup_builtin_library_vs_own",
        _ratio(library["median_s"], startup["builtin"]["median_s"]) if library else None,
    )
    add(
        "linking War and Peace with the library ÷ with its 150 cards",
        "linking_wp_library_vs_150",
        results.get("library_linking", {}).get("ratio_library_own"),
    )
    return rows + interop.bars(results)


def print_table(results: dict) -> None:
    m = results["machine"]
    print(
        f"\nMachine: {m['cpu']}, {m['cores']} cores ({m['cores_usable']} usable), "
        f"Python {m['python']}, Textual {m['textual']}, {m['platform']}"
    )
    print(f"Screen: {m['terminal']}; emulated with {m['screen_model']}")
    o = results["options"]
    print(
        f"Options: {o['runs']} start-up run(s), {o['presses']} presses per key over "
        f"{o['key_processes']} process(es), {o['repeats']} repeats in-process"
    )
    if results.get("fixtures"):
        f = results["fixtures"]
        print(
            f"War and Peace fixtures: {f['card_count']} cards, {f['alias_count']} aliases, "
            f"{f['mention_count']} mentions, {f['note_count']} notes"
        )

    print("\n1-2, 4. Start-up to first screen (median of fresh processes) and peak RSS")
    print(f"  {'target':<16}{'median s':>10}{'peak RSS MB':>13}  runs (s)")
    for name, s in results["startup"].items():
        runs = " ".join(f"{t:.3f}" for t in s["runs_s"])
        print(
            f"  {name:<16}{s['median_s']:>10.3f}"
            f"{results['memory'][name]['median_peak_rss_mb']:>13.1f}  {runs}"
        )

    print("\n3, 5. Key latency, ms (key written -> end of the frame that shows it)")
    articles = list(results["keys"])
    header = "".join(f"{a + ' med':>18}{'p95':>8}{'miss':>6}" for a in articles)
    print(f"  {'key':<18}{header}{'ratio':>8}")
    names = list(keys.series_cycles()) + ["j (after v)", "j (saving)"]
    for key in names:
        cells = ""
        values = []
        for article in articles:
            s = results["keys"][article].get(key)
            if s is None:
                cells += f"{'-':>18}{'-':>8}{'-':>6}"
                values.append(None)
                continue
            misses = sum(s["misses"].values())
            cells += f"{_fmt(s['median_ms']):>18}{_fmt(s['p95_ms']):>8}{misses:>6}"
            values.append(s["median_ms"])
        ratio = _ratio(values[-1], values[0]) if len(values) == 2 else None
        print(f"  {key:<18}{cells}{_fmt(ratio):>8}")

    s = results["saving"]
    print(
        f"\n5. Saving {s['notes']} notes (NotesStore.save after one change): "
        f"median {s['median_ms']} ms, file {s['file_bytes'] // 1024} KiB"
    )
    link = results["linking"]
    print(
        "\n6. Linking (annotations.cards.linking.link), median s: "
        + ", ".join(
            f"{k} {v['median_s']} ({v['mentions']} mentions)"
            for k, v in link.items()
            if isinstance(v, dict)
        )
        + f"; 4x/1x = {link['ratio_4x_1x']}"
    )
    if results.get("library"):
        lib, ll = results["library"], results.get("library_linking")
        print(
            f"   Card library: {lib['card_count']:,} cards, {lib['alias_count']:,} aliases in "
            f"{lib['file_count']} files"
            + (
                f"; linking {ll['own']['median_s']} s with the article's own "
                f"{ll['own']['cards']} cards, {ll['with_library']['median_s']} s with the "
                f"library added ({ll['with_library']['mentions']} mentions)"
                if ll
                else ""
            )
        )
    a = results["anchoring"]
    print(
        f"   Re-anchoring {a['notes']} notes: NotesStore.open unchanged "
        f"{a['unchanged']['open_median_s']} s (anchoring {a['unchanged']['reanchor_median_s']}"
        f" s), after an edit near the start {a['edited']['open_median_s']} s (anchoring "
        f"{a['edited']['reanchor_median_s']} s); placed after edit: {a['edited']['placements']}"
    )

    interop.print_lines(results)

    print("\nThe bar")
    for row in results["bars"]:
        verdict = "n/a" if row["pass"] is None else ("PASS" if row["pass"] else "MISS")
        print(f"  {row['figure']:<66}{row['bar']:>10}{_fmt(row['value']):>10}  {verdict}")


def _fmt(value) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if isinstance(value, float) else str(value)
