"""Typing a design one edge a line: refused lines cost nothing and say their fix, undo,
show, help, done, the drawing after each line, saving after each change, and block
names completed at a terminal (all three askers take the completion list)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from sysdesign_cli.core.graph.text import graph_of, parse_text
from sysdesign_cli.sessions.completion import matches, word_before
from sysdesign_cli.sessions.design_entry import COMMANDS, HELP, DesignEntry
from sysdesign_cli.sessions.plain_asker import PlainAsker
from sysdesign_cli.sessions.scripted_asker import ScriptedAsker

LINES = ["client -> lb -> app x2", "app -> cache : read", "app -> db : read, write"]
OFFERED = ["client", "lb", "app", "cache", "db", "replica", "queue", "worker"]


def console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=80, color_system=None), out


def enter(answers: list[str], **options: object) -> tuple[object, str, ScriptedAsker]:
    screen, out = console()
    asker = ScriptedAsker(answers)
    entered = DesignEntry(asker, screen, **options).run()  # type: ignore[arg-type]
    assert asker.answers == [], "the entry asked for fewer lines than the script gave"
    return entered, out.getvalue(), asker


def flat(text: str) -> str:
    return " ".join(text.split())


def test_typed_lines_make_the_graph_the_same_text_makes() -> None:
    entered, _, _ = enter([*LINES, "done"])
    assert entered.lines == tuple(LINES)
    assert entered.graph == parse_text("\n".join(LINES))


def test_a_bad_line_is_refused_with_its_fix_and_costs_nothing() -> None:
    entered, output, _ = enter([LINES[0], "app -> cahce : read", *LINES[1:], "done"])
    assert entered.lines == tuple(LINES), "the refused line is not kept"
    said = flat(output)
    assert "Not added (it costs nothing): app -> cahce : read" in said
    assert "Did you mean 'cache'?" in said
    assert "`cahce (cache)`" in said  # the fix: say which kind it is


def test_a_line_that_breaks_a_rule_names_the_rule() -> None:
    entered, output, _ = enter([*LINES, "app ~> db", "done"])
    assert entered.lines == tuple(LINES)
    assert "only stores replicate" in flat(output)
    assert "To run more copies write `app x2`." in flat(output)


def test_the_graph_is_redrawn_after_each_line() -> None:
    _, output, _ = enter([*LINES, "done"])
    assert output.count("Your design so far") == len(LINES)
    # After the last line the read flow asks the cache first and the database on a miss.
    assert "+-- [hit] cache" in output and "+-- [miss] db" in output


def test_undo_removes_the_last_line_and_redraws() -> None:
    entered, output, _ = enter([*LINES, "undo", "done"])
    assert entered.lines == tuple(LINES[:-1])
    assert f"Removed: {LINES[-1]}" in output


def test_undo_never_removes_the_lines_it_started_with() -> None:
    entered, output, _ = enter(["undo", "done"], lines=LINES, floor=len(LINES))
    assert entered.lines == tuple(LINES)
    assert "Nothing of yours to undo." in output


def test_show_lists_the_lines_with_numbers_and_help_lists_the_blocks_on_offer() -> None:
    _, output, _ = enter([*LINES, "show", "help", "done"], names=OFFERED)
    for number, line in enumerate(LINES, 1):
        assert f"{number:>2}  {line}" in output
    assert f"Blocks on offer: {', '.join(OFFERED)}." in flat(output)
    assert "a ~> b" in output and "a => b" in output  # the whole format


def test_done_with_no_edge_is_refused() -> None:
    entered, output, _ = enter(["done", "client", "done", LINES[0], "done"])
    assert output.count("The design has no edge yet") == 2
    assert entered.lines == ("client", LINES[0])


def test_every_change_is_handed_on_for_saving() -> None:
    saved: list[tuple[str, ...]] = []
    enter([*LINES, "bad line here", "undo", "done"], on_change=saved.append)
    assert saved == [tuple(LINES[:1]), tuple(LINES[:2]), tuple(LINES), tuple(LINES[:2])]


def test_completion_offers_the_design_s_names_the_vocabulary_and_the_commands() -> None:
    _, _, asker = enter([LINES[0], "done"], names=OFFERED)
    first, second = asker.completions
    assert first == [*OFFERED, *COMMANDS]
    # Names already drawn come first, then the rest of the vocabulary.
    assert second[:3] == ["client", "lb", "app"]
    assert set(second) == {*OFFERED, *COMMANDS}


def test_the_plain_asker_reads_the_same_lines() -> None:
    screen, out = console()
    stdin = io.StringIO("\n".join([*LINES, "undo", LINES[-1], "done"]) + "\n")
    entered = DesignEntry(PlainAsker(screen, stdin, pause=False), screen).run()
    assert entered.lines == tuple(LINES)
    assert f"Removed: {LINES[-1]}" in out.getvalue()


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        pytest.param("cli", "cli", id="first-word"),
        pytest.param("client -> l", "l", id="after-an-arrow"),
        pytest.param("client->l", "l", id="arrow-without-spaces"),
        pytest.param("app -> primary-d", "primary-d", id="a-name-with-a-dash"),
        pytest.param("db ~> rep", "rep", id="after-replication"),
        pytest.param("queue => wor", "wor", id="after-async"),
        pytest.param("client -> ", "", id="after-a-space"),
        pytest.param("app -> db : re", "re", id="after-a-colon"),
    ],
)
def test_the_word_being_completed(typed: str, word: str) -> None:
    assert word_before(typed) == word


def test_completion_matches_only_longer_names_that_start_with_the_word() -> None:
    names = ["client", "cache", "cdn", "db", "db-replica"]
    assert matches("app -> c", names) == ["client", "cache", "cdn"]
    assert matches("app -> db", names) == ["db-replica"]  # `db` itself is typed already
    assert matches("app -> ", names) == []


def test_tab_completes_a_block_name_at_a_terminal() -> None:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from sysdesign_cli.sessions.terminal_asker import TerminalAsker

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("cli\t -> l\t\r")
        typed = TerminalAsker().text("Next edge", complete=OFFERED)
    assert typed == "client -> lb"


def test_graph_of_is_none_until_the_lines_make_a_graph() -> None:
    assert graph_of([]) is None
    assert graph_of(["# a comment"]) is None
    assert graph_of(["app -> nosuchthing"]) is None
    assert graph_of(LINES) == parse_text("\n".join(LINES))


@pytest.mark.parametrize(
    ("typed", "inserted"),
    [
        pytest.param("cli", "ent", id="one-match"),
        pytest.param("app -> c", "", id="several-share-nothing-more"),
        pytest.param("app -> ca", "che", id="one-left"),
        pytest.param("app -> r", "ep", id="the-shared-part"),
        pytest.param("app -> x", "", id="no-match"),
    ],
)
def test_tab_inserts_what_every_match_shares(typed: str, inserted: str) -> None:
    from sysdesign_cli.sessions.completion import extension

    assert extension(typed, ["client", "cache", "cdn", "replica", "replica-2", "repo"]) == inserted


def test_the_drawing_keeps_every_flow_of_the_exercise_while_only_some_edges_are_tagged() -> None:
    # Untagged edges carry every flow: tagging the cache as a read must not make the
    # writes vanish from the drawing, nor an untagged design be drawn as one "request".
    _, output, _ = enter(["client -> lb -> app", "app -> db", "app -> cache : read", "done"],
                         flows=("write", "read"))  # fmt: skip
    drawings = output.split("Your design so far")[1:]
    assert [d.split("\n")[1] for d in drawings] == ["write", "write", "write"]
    assert "request" not in output
    assert drawings[-1].split("\n\n") == [
        "\nwrite\nclient\n+-- lb\n    +-- app\n        +-- db",
        "read\nclient\n+-- lb\n    +-- app\n        +-- [hit] cache\n        +-- [miss] db\n",
    ]


def test_the_format_examples_do_not_draw_any_exercise_s_answer() -> None:
    import re

    from sysdesign_cli.core.graph import kinds
    from sysdesign_cli.sessions.design_entry import GUIDE, HELP

    arrow = re.compile(r"([\w-]+)(?: x\d+)?\s*(?:->|=>|~>)\s*(?:each )?([\w-]+)")
    named = [(a, b) for a, b in arrow.findall(GUIDE + HELP)
             if kinds.resolve(a) is not None and kinds.resolve(b) is not None]  # fmt: skip
    assert named == [], "an example that joins two real blocks shows part of a design"


def test_a_typo_s_fix_names_the_kind_it_looks_like() -> None:
    _, output, _ = enter(["client -> lb -> ap", *LINES, "done"])
    said = flat(output)
    assert "Did you mean 'app'?" in said
    assert "`ap (app)`" in said and "`ap (cache)`" not in said


def test_the_typing_guide_breaks_between_words_never_inside_an_example() -> None:
    # At 80 columns rich broke the guide inside its second example (`a` / `-> b x2`).
    out = io.StringIO()
    screen = Console(file=out, width=80, color_system=None, force_terminal=True)
    DesignEntry(ScriptedAsker([*LINES, "done"]), screen).run()  # type: ignore[arg-type]
    guide = out.getvalue().split("\n\n")[0].splitlines()
    assert guide[0].startswith("Type your design one edge a line")
    assert all(len(line) <= 80 and line.count("`") % 2 == 0 for line in guide[:3]), guide
    assert any("`a -> b x2`" in line for line in guide[:3])


def test_a_second_name_for_a_block_already_drawn_is_said_at_once() -> None:
    entered, output, _ = enter(["client -> lb -> app x2", "load balancer -> app",
                                "app -> db", "done"])  # fmt: skip
    assert len(entered.graph.blocks) == 5  # two load balancers, as typed: told, not merged
    said = flat(output)
    assert said.count("lb and load-balancer are names for the same kind (load balancer)") == 1
    assert "Type `undo` to take the line back." in said
    # Said right after the line that made it: before the next line's drawing shows db.
    assert "db" not in said.partition("lb and load-balancer")[0].replace("DB", "")
    assert "db" in said.partition("lb and load-balancer")[2]


@pytest.mark.parametrize("width", [80, 79, 60, 50, 45])
def test_the_help_breaks_between_words_never_inside_an_example(width: int) -> None:
    import re

    out = io.StringIO()
    terminal = Console(file=out, width=width, force_terminal=True, color_system=None)
    DesignEntry(ScriptedAsker(["help", "client -> db", "done"]), terminal, guide=False).run()
    shown = re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]", "", out.getvalue())
    lines = shown.partition("design).")[0].splitlines()
    assert all(len(line) <= width for line in lines)
    assert all(line.count("`") % 2 == 0 for line in lines), "an example split over two lines"
    # An explanation's wrapped lines start under its column, not under the example:
    # only the two paragraphs' lines start at the edge.
    paragraphs = " ".join(line for line in HELP.splitlines() if not line.startswith(" "))
    assert all(line in paragraphs for line in lines if line and not line.startswith(" "))
    table = [line for line in lines if line.startswith("  ")]
    assert all(line[:20].strip() == "" or line[18:20] == "  " for line in table)
    assert "help (this), done (check the" in " ".join(" ".join(lines).split())


@pytest.mark.parametrize("typed", [
    pytest.param("It is stored in the database and Bob fetches it when he reconnects.",
                 id="an-answer-typed-here"),
    pytest.param("the db is a single point of failure", id="a-sentence-without-a-stop"),
    pytest.param("add a replica.", id="short-but-a-sentence"),
])  # fmt: skip
def test_a_sentence_typed_as_a_design_line_is_refused_not_drawn_as_a_block(typed: str) -> None:
    entered, output, _ = enter([*LINES, typed, "done"])
    assert entered.lines == tuple(LINES)
    said = flat(output)
    assert f"Not added (it costs nothing): {typed}" in said
    assert "a line joins blocks, `a -> b`. Type `done` when the design is finished." in said


@pytest.mark.parametrize("typed", ["tokyo (cdn) @asia", "app server x2", "photo storage"])
def test_a_block_named_alone_is_still_a_design_line(typed: str) -> None:
    entered, _, _ = enter([*LINES, typed, "done"])
    assert entered.lines == (*LINES, typed)


@pytest.mark.parametrize("line", ["db shards 16 x2 @a,b", "app server shards 4 x2",
                                  "tokyo edge (cdn) x2 @asia,eu"])
def test_a_block_line_with_copies_shards_zones_and_kind_is_no_sentence(line: str) -> None:
    from sysdesign_cli.sessions.design_entry import _prose

    assert not _prose(line)
    assert _prose("the app talks to the database first.")
    assert _prose("we put a cache in front of it")
