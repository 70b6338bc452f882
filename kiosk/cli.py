"""The `kiosk` command: thin click code over the core.

Each command opens what it needs through the core, calls it, and turns a `KioskError` into its
message on stderr and the error's exit code (`kiosk.core.errors.ExitCode`: 65 bad input, 73 a file
that cannot be written, 74 database, 78 configuration, 1 not ready); click's own usage errors exit
with 2. All the work is the application layer's (`kiosk.app.KioskService`): a command parses,
calls it and prints. Every command takes `--config` and `--database` after its name, so scripts
and tests never touch the user's real data.
"""

from __future__ import annotations

import functools
import logging
import os
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kiosk.core.errors import ConfigError, KioskError, NotReadyError, Problem, UnavailableError

if TYPE_CHECKING:
    from kiosk.app import KioskService
    from kiosk.core.config import Config


class KioskGroup(click.Group):
    """A command group that reports core errors as a message and an exit code, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KioskError as exc:
            click.secho(f"Error: {exc}", fg="red", err=True)
            ctx.exit(exc.exit_code)


class DatabaseParam(click.ParamType):
    """A database file (a Path), or a PostgreSQL URL kept as it is given (a Path would fold its
    '//'): only `kiosk collect` and `kiosk export` take one, the others refuse it."""

    name = "FILE|URL"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, str) and value.startswith(("postgresql://", "postgres://")):
            return value
        return click.Path(dir_okay=False, path_type=Path).convert(value, param, ctx)


def common_options(
    command: Callable[..., Any] | None = None, *, lazy_config: bool = False
) -> Callable[..., Any]:
    """Add --config, --database and --verbose to a command, and hand it a loaded Config.

    With `lazy_config` the command gets a `LazyConfig` instead, which loads (and checks) the
    settings on its first call: a command that can work from the database alone then neither
    needs valid settings nor pays for loading them, and the touchscreen draws its first picture
    before it loads them.
    """

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @click.option(
            "--config",
            "config_path",
            type=click.Path(path_type=Path),  # what is wrong with it is the settings' to say (78)
            help="Configuration file to use instead of the one in the user's config folder.",
        )
        @click.option(
            "--database",
            type=DatabaseParam(),
            help="Signature database to use instead of the configured one (`collect` and "
            "`export` also take a PostgreSQL URL, postgresql://USER@HOST/DB).",
        )
        @click.option("-v", "--verbose", is_flag=True, help="Also print what the kiosk is doing.")
        @functools.wraps(command)
        def wrapper(config_path: Path | None, database: Path | None, verbose: bool, **kwargs):
            logging.basicConfig(
                level=logging.INFO if verbose else logging.WARNING,
                format="%(levelname)s %(name)s: %(message)s",
                stream=sys.stderr,
            )
            config = LazyConfig(config_path)
            return command(config=config if lazy_config else config(), database=database, **kwargs)

        return wrapper

    return decorate(command) if command is not None else decorate


class LazyConfig:
    """The settings of --config (or the default file), loaded and checked on the first call."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._config: Config | None = None

    def __call__(self) -> Config:
        if self._config is None:
            # Imported here: pydantic, behind the settings, is most of a command's start-up.
            from kiosk.core.config import load_config

            self._config = load_config(self.path)
        return self._config

    def to_change(self) -> Config:
        """The settings a change starts from. A named file that does not exist yet starts from
        the defaults, as the default file does, but only in a folder that exists (a mistyped
        folder is said, not created)."""
        from kiosk.core.config import Config, Settings

        if self.path is None or self.path.exists():
            return self()
        if not self.path.parent.is_dir():
            raise ConfigError(
                [
                    Problem(
                        str(self.path), "", "its folder does not exist: create it, or name another"
                    )
                ]
            )
        return Config(Settings(), self.path)


def _service(config: Config, database: Path | None, *, creates: bool = False) -> KioskService:
    """The application for one command; only commands that record may create the database."""
    if isinstance(database, str):  # a PostgreSQL URL (`DatabaseParam`)
        raise click.BadParameter(
            "a PostgreSQL database is a central collector's: only `kiosk collect` and "
            "`kiosk export` (without letters) work on it. Give a kiosk's database file instead.",
            param_hint="--database",
        )
    from kiosk.app import KioskService

    return KioskService(config, database, creates=creates)


@click.group(cls=KioskGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kiosk", prog_name="kiosk")
def cli() -> None:
    """A touchscreen kiosk for letter-writing marathons.

    It tells the story of people at risk, records signatures offline in a local database, prints a
    personalised letter for each one and delivers the signatures to the organisation.

    Start with `kiosk doctor` to see what is ready. Every command explains itself with --help.
    """


@cli.command()
@click.option("--windowed", is_flag=True, help="Run in a window instead of full screen.")
@common_options(lazy_config=True)
def run(config: LazyConfig, database: Path | None, windowed: bool) -> None:
    """Start the touchscreen for visitors, full screen.

    Uses the configuration and database defaults (or --config and --database). Printing and
    the letter previews run in the background; close the window (or press Ctrl+C in the
    terminal) to stop.

    \b
    Example:
      kiosk run --windowed
    """
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if platform.split(":")[0] in ("", "xcb", "wayland") and not display:
        raise UnavailableError(
            "There is no screen to show the kiosk on (no DISPLAY or WAYLAND_DISPLAY). "
            "Start it from the kiosk's desktop, or straight on the display with "
            "QT_QPA_PLATFORM=eglfs kiosk run."
        )
    try:
        from kiosk.ui.app import run as run_screens
    except ImportError as exc:
        raise UnavailableError(
            f"The touchscreen cannot start: {exc}. Run ./packaging/setup.sh run to install Qt."
        ) from exc
    from kiosk import __version__
    from kiosk.core.crashes import CrashReports
    from kiosk.core.logs import log_dir, setup_run_logging

    # The journal under systemd, else a rotating file in the user's log folder (and stderr).
    setup_run_logging(verbose=logging.getLogger().getEffectiveLevel() <= logging.INFO)
    crashes = CrashReports(log_dir(), __version__)
    with _service(
        config(), database, creates=True
    ) as service:  # settings, cases, database: then the screens
        service.check_languages()
        code = run_screens(service, windowed=windowed, crashes=crashes)
    sys.exit(code)


@cli.command()
@click.option("--dry-run", is_flag=True, help="Print cage's command line instead of running it.")
@click.option(
    "--turn-outputs",
    type=click.Choice(["90", "180", "270"]),
    hidden=True,
    help="Inside a cage without -r: turn the outputs, then start the touchscreen.",
)
@common_options(lazy_config=True)
def session(
    config: LazyConfig, database: Path | None, dry_run: bool, turn_outputs: str | None
) -> None:
    """Start the touchscreen inside cage, the screen turned as kiosk.rotation says.

    What the kiosk machine's systemd unit runs on tty1 (packaging/kiosk-machine/install.py):
    cage gives the kiosk the whole screen, with no title bar and no way out of it. Exits when
    the kiosk exits (the unit then starts it again).

    \b
    Example:
      kiosk session --dry-run
    """
    from kiosk.core import cage

    options = [] if config.path is None else ["--config", str(config.path)]
    if database is not None:
        options += ["--database", str(database)]
    kiosk = [sys.executable, "-m", "kiosk"]
    if turn_outputs is not None:
        try:
            cage.turn_outputs(int(turn_outputs))
        except UnavailableError as exc:
            # A sideways kiosk serves visitors; a black screen restarting for ever does not.
            click.echo(f"{exc} The kiosk starts without turning the screen.", err=True)
        os.execv(sys.executable, [*kiosk, "run", *options])  # noqa: S606 - no shell wanted
    rotation = config().settings.kiosk.rotation
    command = cage.session_command(rotation, cage.cage_version(), kiosk, options)
    if dry_run:
        click.echo(shlex.join(command))
        return
    cage.keep_console_awake()
    os.execvp(command[0], command)  # noqa: S606 - cage takes this process's place


@cli.command()
@common_options
def doctor(config: Config, database: Path | None) -> None:
    """Say what is ready at this stand and what is not.

    Checks the configuration, the clock, the admin PIN, the cases, the database, the printer and
    the sync target, and says for each what to do. Exits 0 when nothing must be fixed, 1
    otherwise (74 when the database is damaged).

    \b
    Example:
      kiosk doctor --config /etc/kiosk/config.toml
    """
    from kiosk.app import doctor as check_stand

    _echo_checks(check_stand(config, database))


def _echo_checks(checks: list[Any], before: str = "") -> None:
    """Print doctor's checks; raise what must be fixed, with `before` said first."""
    for check in checks:
        mark = {True: ("ok", "green"), False: ("FIX", "red"), None: ("note", "yellow")}[check.ok]
        click.echo(f"{click.style(f'[{mark[0]:>4}]', fg=mark[1])} {check.name}: {check.detail}")
    failing = [check for check in checks if check.ok is False]
    for check in failing:
        if check.error is not None:
            raise check.error  # a part that cannot be used at all: its own exit code
    if failing:
        names = ", ".join(check.name for check in failing)
        raise NotReadyError(f"{before}Not ready: fix {names} (see [ FIX] above).")


@cli.command()
@click.option(
    "--from",
    "answers_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the answers from this TOML file (from the coordinator) instead of asking.",
)
@common_options(lazy_config=True)
def setup(config: LazyConfig, database: Path | None, answers_file: Path | None) -> None:
    """Set this kiosk up for an event: a few questions, then `kiosk doctor`.

    Asks for the event's id and name, the kiosk's id, the printer (one of the CUPS queues
    found, or none for PDF files), where signatures are delivered and the receiver's address
    and token; Enter keeps the value in [brackets]. A refused answer is said with the reason
    and asked again. --from reads the same answers from a TOML file instead (keys as in the
    settings, e.g. [event] id = "bern-2026", plus [sync] token = "..."); a refused answer there
    exits 78 and writes nothing. The token goes to a file only this user can read
    (sync.token_file), the rest into the config file, its comments kept. Then prints what
    `kiosk doctor` says, and exits as it does.

    \b
    Example:
      kiosk setup
      kiosk setup --from bern-kiosk-2.toml --config /etc/kiosk/config.toml
    """
    from kiosk.app import doctor as check_stand
    from kiosk.app.setup import save_setup, start_setup

    if answers_file is None and not sys.stdin.isatty():
        raise click.UsageError(
            "kiosk setup asks its questions on a terminal, and there is none here: give the "
            "answers in a file with --from FILE (see kiosk setup --help)."
        )
    setup = start_setup(config.to_change())
    if answers_file is not None:
        _answers_from(setup, answers_file)
    else:
        _ask(setup)
    saved = save_setup(setup)
    click.echo(f"Saved in {saved.path}. What kiosk doctor says now:")
    _echo_checks(check_stand(saved, database), before=f"The answers are saved in {saved.path}. ")


def _answers_from(setup: Any, path: Path) -> None:
    from kiosk.core.errors import ConfigError, Problem
    from kiosk.core.setup import answer_file
    from kiosk.core.tomlfiles import UnreadableTomlError, load_toml

    try:
        raw = load_toml(path)
    except UnreadableTomlError as exc:
        raise ConfigError([Problem(str(path), "", str(exc))]) from None
    answer_file(setup, raw, str(path))


def _ask(setup: Any) -> None:
    """Put each open question on the terminal until every answer is in."""
    from kiosk.core.setup import RefusedAnswerError

    if setup.printers_problem:
        click.echo(f"Printers: {setup.printers_problem}")
    while (question := setup.next_question()) is not None:
        if question.key == "printing.printer":
            click.echo("Printers found in CUPS:" if setup.printers else "No printer in CUPS.")
            for number, choice in enumerate(question.choices, 1):
                label = (
                    "no printer: letters are saved as PDF files"
                    if number == len(question.choices)
                    else choice
                )
                click.echo(f"  {number}) {label}")
        shown = f" [{question.default}]" if question.default else ""
        try:
            answer = _read(f"{question.prompt}{shown}: ", secret=question.secret)
        except EOFError:
            raise click.Abort() from None
        try:
            setup.give(question.key, answer)
        except RefusedAnswerError as exc:
            click.secho(f"  Not taken: {exc}.", fg="red")


def _read(prompt: str, *, secret: bool) -> str:
    """One line from the terminal; a secret one is not echoed (the token on a shared screen)."""
    if not secret:
        return input(prompt)
    import termios

    descriptor = sys.stdin.fileno()
    before = termios.tcgetattr(descriptor)
    quiet = list(before)
    quiet[3] &= ~termios.ECHO
    termios.tcsetattr(descriptor, termios.TCSADRAIN, quiet)
    try:
        return input(prompt)
    finally:
        termios.tcsetattr(descriptor, termios.TCSADRAIN, before)
        click.echo()


@cli.group()
def cases() -> None:
    """Look after the case folders (stories, letters, photos)."""


@cases.command("check")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@common_options
def cases_check(config: Config, database: Path | None, folder: Path | None) -> None:
    """Check every case in FOLDER (default: the configured cases folder).

    Prints one line per problem, naming the file, the field and what is wrong, and exits 1 if
    there is any. Run it after editing a case, before the stand opens.

    \b
    Example:
      kiosk cases check ./cases
    """
    from kiosk.core.cases import check_cases

    folder = folder or config.cases_folder
    found, problems = check_cases(folder)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise NotReadyError(f"{len(problems)} problem(s) found in {folder}.")
    for case in found:
        click.echo(f"ok {case.id}: {case.person} ({', '.join(case.languages)})")


@cli.command()
@click.option("--case", "case_id", required=True, help="Id of the case signed for.")
@click.option("--given-name", default="", help="Given name(s) of the signer.")
@click.option("--family-name", default="", help="Family name(s) of the signer.")
@click.option("--postal-code", default="", help="Postal code of the signer.")
@click.option("--town", required=True, help="Town of the signer (printed on the letter).")
@click.option("--country", help="Country code (CH, FR, DE ...); default: the event's country.")
@click.option("--email", default="", help="Email, only with a consent that asks for it.")
@click.option(
    "--consent",
    "consents",
    multiple=True,
    metavar="ID",
    help="A consent the signer gave (repeat for several), e.g. --consent sign.",
)
@click.option("--language", help="Language the signer used; default: the kiosk's default.")
@click.option("--no-letter", is_flag=True, help="Record the signature without printing a letter.")
@common_options
def sign(config: Config, database: Path | None, case_id: str, **fields: Any) -> None:
    """Record one signature, exactly as the touchscreen does, and print its id.

    For volunteers typing in a paper list, and for scripts. The same checks apply as on the
    form; a refused field is named with the reason, and nothing is recorded (exit 65).

    \b
    Example:
      kiosk sign --case maryia-kalesnikava --given-name Anna --family-name Keller \\
          --postal-code 8004 --town Zürich --consent sign
    """
    from kiosk.core.signatures import SignerEntry

    entry = SignerEntry(
        given_name=fields["given_name"],
        family_name=fields["family_name"],
        postal_code=fields["postal_code"],
        town=fields["town"],
        country=fields["country"] or "",
        email=fields["email"],
        consents=fields["consents"],
        wants_letter=not fields["no_letter"],
    )
    with _service(config, database, creates=True) as service:
        recorded = service.sign(case_id, entry, language=fields["language"])
        click.echo(recorded.signature.uuid)
        if recorded.print_at_once and service.sealed:
            _print_sealed_letter(service)
        elif recorded.print_at_once:
            # Recorded first, printed second: a printer problem never loses the signature.
            report = service.print_now()
            where = service.print_queue.backend.description
            if report.sent:
                click.echo(f"The letter went to {where}.", err=True)
            else:
                why = "; ".join(report.errors) or report.status.reason or report.status.state
                click.echo(f"The letter waits in the queue ({where}: {why}).", err=True)


SEALED_SIGN_WAIT = 60.0  # seconds `kiosk sign` waits for a sealed letter to be printed


def _print_sealed_letter(service: KioskService) -> None:
    """Sealed mode: the letter exists only in this command's memory, so it is printed (and
    removed from CUPS's spool) before the command ends, or it is lost."""
    report = service.print_pending(SEALED_SIGN_WAIT).report
    where = service.print_queue.backend.description
    if report.printed:
        click.echo(f"The letter was printed on {where}.", err=True)
    elif report.sent:
        click.echo(f"The letter went to {where}; it is not printed yet.", err=True)
    else:
        why = "; ".join(report.errors) or report.status.reason or report.status.state
        click.echo(
            f"The letter did not print ({where}: {why}). The record is sealed, so the letter "
            "is not kept: it counts as lost, and the coordinator prints it from the decrypted "
            "export (kiosk decrypt).",
            err=True,
        )


@cli.command()
@click.option("--count", default=100, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option("--seed", type=int, help="Make the same signatures every time.")
@common_options
def sample(config: Config, database: Path | None, count: int, seed: int | None) -> None:
    """Fill a training database with made-up signatures in many scripts and languages.

    For training, demos, screenshots and benchmarks. They are marked as made up: never
    delivered, and left out of exports, counts and letters unless asked for
    (--include-samples). A database that holds real signatures is refused (exit 65): give a
    new file with --database.

    \b
    Example:
      kiosk sample --count 500 --database /tmp/demo.db
    """
    with _service(config, database, creates=True) as service:
        total = service.record_sample(count, seed)
    click.echo(f"Recorded {count} made-up signatures; the database now holds {total} made-up.")
    click.echo("They are never delivered; export shows them only with --include-samples.")


@cli.command()
@common_options
def counts(config: Config, database: Path | None) -> None:
    """Show how many signatures were recorded today, per case, per event and in all.

    \b
    Example:
      kiosk counts
    """
    with _service(config, database) as service:
        numbers = service.counts()
    click.echo(f"today: {numbers.today}")
    click.echo(f"total: {numbers.total}")
    for case_id, n in sorted(numbers.per_case.items()):
        click.echo(f"case {case_id}: {n} ({numbers.today_per_case.get(case_id, 0)} today)")
    for event_id, n in sorted(numbers.per_event.items()):
        click.echo(f"event {event_id}: {n}")
    if numbers.samples:
        click.echo(f"made up (kiosk sample, not counted above): {numbers.samples}")


@cli.command()
@click.option("--case", "case_id", required=True, help="Id of the case the letter is for.")
@click.option("--name", required=True, help="The signer's full name, as it will be printed.")
@click.option("--town", required=True, help="The signer's town.")
@click.option("--postal-code", default="", help="The signer's postal code.")
@click.option("--country", help="Country code; default: the event's country.")
@click.option("--language", help="Language of the letter; default: the kiosk's default.")
@click.option(
    "--output",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Where to write the PDF.",
)
@common_options
def letter(config: Config, database: Path | None, output: Path, **fields: Any) -> None:
    """Write a sample letter as PDF, to check a case or show what visitors sign.

    Nothing is recorded. The name goes in as given name; the letter looks exactly like one
    printed at the stand (without a drawn signature).

    \b
    Example:
      kiosk letter --case maryia-kalesnikava --name "Anna Keller" --town Zürich \\
          --language de --output /tmp/letter.pdf
    """
    from kiosk.app import write_output

    with _service(config, database) as service:
        pdf = service.sample_letter(
            fields["case_id"],
            given_name=fields["name"],
            family_name="",
            town=fields["town"],
            postal_code=fields["postal_code"],
            country=fields["country"],
            language=fields["language"],
        )
    write_output(output, pdf)
    click.echo(f"Wrote {output}")


@cli.command()
@click.option("--case", "case_id", help="Only the letters of this case.")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="First day (local).")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="Last day (local).")
@click.option(
    "--output",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Where to write the PDF.",
)
@click.option(
    "--include-samples", is_flag=True, help="Also the made-up signatures of `kiosk sample`."
)
@common_options
def letters(
    config: Config,
    database: Path | None,
    case_id: str | None,
    start: Any,
    end: Any,
    output: Path,
    include_samples: bool,
) -> None:
    """Write the recorded letters as one PDF, one page each, for batch printing or mailing.

    Letters are in the order they were signed; --from and --to are local calendar days.

    \b
    Example:
      kiosk letters --case maryia-kalesnikava --from 2026-12-10 --output day.pdf
    """
    from kiosk.app import write_output

    with _service(config, database) as service:
        pdf, count = service.letters_pdf(
            case_id=case_id,
            start=start.date() if start else None,
            end=end.date() if end else None,
            samples=include_samples,
        )
    write_output(output, pdf)
    click.echo(f"Wrote {count} letter(s) to {output}")


@cli.command("print")
@click.option("--pending", is_flag=True, help="Send every queued letter to the printer now.")
@click.option("--retry-failed", is_flag=True, help="Queue the failed letters again first.")
@click.option(
    "--reprint",
    "reprints",
    multiple=True,
    metavar="UUID",
    help="Queue the letter of this signature once more (repeatable).",
)
@click.option(
    "--wait", default=60.0, show_default=True, help="Seconds to wait for the printer to finish."
)
@common_options
def print_command(
    config: Config,
    database: Path | None,
    pending: bool,
    retry_failed: bool,
    reprints: tuple[str, ...],
    wait: float,
) -> None:
    """Print the letters waiting in the queue (batch mode, or after a printer problem).

    Each letter prints once; a letter that printed is printed again only with --reprint.
    Exits 0 when nothing is left waiting, 1 otherwise, 69 if the printer cannot be reached.

    \b
    Example:
      kiosk print --pending --retry-failed
    """
    if not (pending or retry_failed or reprints):
        raise click.UsageError("Say what to print: --pending, --retry-failed or --reprint UUID.")
    from kiosk.core.errors import NotFoundError

    with _service(config, database) as service:
        if retry_failed:
            service.retry_failed()
        try:
            service.reprint(reprints)
        except NotFoundError as exc:
            raise click.BadParameter(str(exc), param_hint="--reprint") from exc
        run = service.print_pending(wait)
    report, counts = run.report, run.letters
    _echo_report(report, counts)
    if report.status.state == "unreachable":
        raise UnavailableError(f"The printer cannot be reached: {report.status.reason}.")
    if counts["queued"] or counts["sent"] or report.failed:
        raise NotReadyError("Some letters are not printed yet (see above).")


def _echo_report(report: Any, counts: dict[str, int]) -> None:
    click.echo(
        f"printer: {report.status.name}: {report.status.state}"
        + (f" ({report.status.reason})" if report.status.reason else "")
    )
    click.echo(f"this run: {report.sent} sent, {report.printed} printed, {report.failed} failed")
    click.echo("letters: " + ", ".join(f"{n} {state}" for state, n in counts.items()))
    if counts.get("lost"):
        click.echo(_lost_letters(counts["lost"]))
    for error in dict.fromkeys(report.errors):
        click.secho(f"problem: {error}", fg="red", err=True)


@cli.group()
def printer() -> None:
    """See and test the printer the letters go to."""


@printer.command("status")
@common_options
def printer_status(config: Config, database: Path | None) -> None:
    """Show whether the printer is ready, why not, and how many letters wait.

    Exits 0 when the printer accepts letters, 1 when it is stopped or cannot be reached.

    \b
    Example:
      kiosk printer status
    """
    with _service(config, database) as service:
        printer = service.printer_status()
    status = printer.state
    click.echo(f"printer: {printer.description}")
    click.echo(f"state: {status.state}" + ("" if status.accepting else ", not accepting letters"))
    if status.reason:
        click.echo(f"reason: {status.reason}")
    letters = ", ".join(f"{n} {state}" for state, n in printer.letters.items())
    click.echo(f"letters: {letters or 'none recorded yet'}")
    for job in printer.failed:
        click.echo(f"failed job {job.id} ({job.signature_uuid}): {job.last_error}")
    if printer.letters.get("lost"):
        click.echo(_lost_letters(printer.letters["lost"]))
    if not status.ok:
        raise NotReadyError(f"The printer does not take letters now ({status.state}).")


def _lost_letters(count: int) -> str:
    return (
        f"lost: {count} sealed letter(s) could not print before the kiosk stopped and were "
        "not kept (sealed mode). The coordinator prints them from the decrypted export: "
        "kiosk decrypt --key PRIVATE_KEY, on their own machine."
    )


@printer.command("test-page")
@click.option("--wait", default=60.0, show_default=True, help="Seconds to wait for the page.")
@common_options
def printer_test_page(config: Config, database: Path | None, wait: float) -> None:
    """Print one sample letter to check the printer, paper and fonts.

    Nothing is recorded. Waits until the printer says the page is done.

    \b
    Example:
      kiosk printer test-page --wait 30
    """
    with _service(config, database) as service:
        outcome = service.test_page(wait)
    click.echo(outcome.message)
    if not outcome.ok:
        raise NotReadyError("The test page did not print (see above).")


@cli.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "jsonl", "xlsx"]), default="csv", show_default=True
)
@click.option(
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write; the summary, letters and manifest go beside it.",
)
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="First day (local).")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="Last day (local).")
@click.option("--case", "case_id", help="Only the signatures of this case.")
@click.option("--event", "event_id", help="Only the signatures of this event.")
@click.option("--no-bom", is_flag=True, help="CSV without the byte-order mark Excel wants.")
@click.option("--no-letters", is_flag=True, help="Skip the PDF of the letters per case.")
@click.option(
    "--include-samples",
    is_flag=True,
    help="Also the made-up signatures of `kiosk sample` (left out otherwise).",
)
@common_options(lazy_config=True)
def export_command(
    config: LazyConfig,
    database: Path | None,
    fmt: str,
    output: Path,
    start: Any,
    end: Any,
    case_id: str | None,
    event_id: str | None,
    no_bom: bool,
    no_letters: bool,
    include_samples: bool,
) -> None:
    """Write the signatures for a spreadsheet or a CRM, with a summary and the letters.

    Columns are listed in the README; consents are columns of their own with the version of
    the text the signer saw. CSV is UTF-8 (with a BOM unless --no-bom) and safe to open in a
    spreadsheet: a cell that would run as a formula starts with an apostrophe. JSON Lines keeps
    every value exactly. Beside the file: OUTPUT-summary.csv (per case and hour), one PDF of the
    letters per case, and OUTPUT-manifest.json with the record count and each file's SHA-256,
    written last. The set appears complete or not at all; when one of its names is taken, it
    takes the next free one (day-2.csv ...), so no export replaces another's files.

    \b
    Example:
      kiosk export --format xlsx --from 2026-12-10 --to 2026-12-10 --output /media/usb/day.xlsx
    """
    from kiosk.app import export_database
    from kiosk.core.export import Selection

    selection = Selection(
        case_id=case_id,
        event_id=event_id,
        start=start.date() if start else None,
        end=end.date() if end else None,
        samples=include_samples,
    )
    if no_letters or isinstance(database, str):  # a central collector has no cases
        # Neither the cases nor (with --database) the settings are needed: a coordinator may
        # export a collector's database on a laptop that has neither.
        result = export_database(
            database or config().database_path, selection, output, fmt, bom=not no_bom
        )
    else:
        with _service(config(), database) as service:
            result = service.export(selection, output, fmt, bom=not no_bom)
    if result.output != output:
        click.echo(
            f"{output.name} or a file of its set is already there (an earlier export): this "
            f"export is named {result.output.name} instead, and nothing was replaced."
        )
    click.echo(f"Exported {result.records} signature(s):")
    for name in result.files:
        click.echo(f"  {output.parent / name}")
    click.echo(f"  {result.manifest} (record count and SHA-256 of each file)")


@cli.command()
@click.argument(
    "inputs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The database to merge into (created if missing).",
)
def merge(inputs: tuple[Path, ...], output: Path) -> None:
    """Merge kiosk databases or JSON Lines exports into one database, offline.

    Each record is kept once, by its id. A record that comes with different content under an
    id already present is a conflict: it is reported, and neither copy is changed. Exits 1 when
    there were conflicts. The merge is complete or not at all: a new OUTPUT is built in a hidden
    file beside it and appears when complete; an existing one takes every record in one step.

    \b
    Example:
      kiosk merge kiosk1.db kiosk2.db usb/day.jsonl --output stand.db
    """
    from kiosk.app import merge as merge_files

    result = merge_files(inputs, output)
    click.echo(
        f"{result.added} added, {result.already} already there, {len(result.conflicts)} "
        f"conflict(s), {len(result.invalid)} unreadable; {output} now holds {result.total}."
    )
    for uuid, source in result.conflicts:
        click.secho(
            f"conflict: {uuid} in {source} differs from the record kept", fg="red", err=True
        )
    for source, why in result.invalid:
        click.secho(f"unreadable: {source}: {why}", fg="red", err=True)
    if result.conflicts or result.invalid:
        raise NotReadyError("Some records were not merged (see above).")


@cli.command()
@click.option(
    "--database",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The damaged database (it is only read).",
)
@click.option(
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The new database for the records saved (must not exist yet).",
)
def rescue(database: Path, output: Path) -> None:
    """Save what can be read of a damaged database into a new one.

    Every record that can still be read whole is copied, one by one, into OUTPUT; the damaged
    file is not changed. Says how many were saved and how many were lost, and names each saved
    record that differs from the copy kept for delivery. The records saved wait for delivery
    again (the receiver keeps each once) and queue no letter. Exits 1 when records were lost or
    differ. Start the kiosk on OUTPUT afterwards (--database or the setting).

    \b
    Example:
      kiosk rescue --database signatures.db --output rescued.db
    """
    from kiosk.app import rescue as rescue_records

    result = rescue_records(database, output)
    click.echo(f"{result.saved} record(s) saved to {output}, {result.lost} lost.")
    for uuid in result.differing:
        click.secho(
            f"check: {uuid} differs from the copy kept for delivery (one of them was damaged)",
            fg="yellow",
            err=True,
        )
    if result.lost or result.differing:
        changed = (
            f"; {len(result.differing)} saved may have been changed (see above)"
            if result.differing
            else ""
        )
        raise NotReadyError(
            f"{result.lost} record(s) of {database} could not be read and are not in "
            f"{output}{changed}. Keep the damaged file: the sqlite3 tool's .recover may find "
            "parts of the lost ones."
        )


@cli.group()
def keys() -> None:
    """The organisation's key pair for sealed records (`privacy.public_key`)."""


@keys.command("new")
@click.option(
    "--output",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the two key files (created if missing; existing keys are never replaced).",
)
def keys_new(output: Path) -> None:
    """Make a key pair for sealed records, on the coordinator's machine.

    Writes the public key (a short text for every kiosk's config) and the private key (a file
    only its owner can read, which opens every record sealed to that public key). Refuses to
    overwrite a key. Run it on the organisation's own machine, never on a kiosk.

    \b
    Example:
      kiosk keys new --output ~/kiosk-keys
    """
    from kiosk.app import new_keys

    public_path, private_path, public = new_keys(output)
    click.echo(f"Public key (also in {public_path}):\n\n  {public.text}\n")
    click.echo(
        f'Put it in each kiosk\'s config, section [privacy]:\n\n  public_key = "{public.text}"\n'
    )
    click.echo(
        f"Private key: {private_path} (readable by you only). It opens every sealed record: keep "
        "it here and a copy offline, never near a kiosk; give it to `kiosk decrypt --key`. "
        "Lost, the records sealed to it cannot be read by anyone."
    )


class SourceParam(DatabaseParam):
    """What `kiosk decrypt` opens: a file that exists, or a PostgreSQL URL."""

    name = "FILE|URL"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None):
        converted = super().convert(value, param, ctx)
        if isinstance(converted, str):
            return converted
        return click.Path(exists=True, dir_okay=False, path_type=Path).convert(value, param, ctx)


@cli.command()
@click.argument("source", type=SourceParam())
@click.option(
    "--key",
    "keys",
    multiple=True,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A private key file from `kiosk keys new`; give every key of the period (rotation).",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The opened records: .csv, .jsonl or .xlsx (by its name, or --format).",
)
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "xlsx"]), help="Format.")
@click.option(
    "--letters",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the letters of the opened records as one PDF (the cases must be here).",
)
@click.option("--no-bom", is_flag=True, help="CSV without the byte-order mark Excel wants.")
@common_options(lazy_config=True)
def decrypt(
    config: LazyConfig,
    database: Path | None,
    source: Path | str,
    keys: tuple[Path, ...],
    output: Path | None,
    fmt: str | None,
    letters: Path | None,
    no_bom: bool,
) -> None:
    """Open sealed records with the organisation's private key, on the coordinator's machine.

    SOURCE is a kiosk's JSON Lines export (`kiosk export --format jsonl`) or a collector's (or
    kiosk's) database: a file, or a central collector's PostgreSQL URL. Writes the usual CSV,
    JSON Lines or XLSX and, with --letters, the letters as one PDF, as `kiosk letters` makes
    them (the cases and event name come from --config). A record that does not open (no key
    given for it, moved from another record, changed) is named with the reason and left out;
    the command then exits 65.

    \b
    Example:
      kiosk decrypt --key keys/kiosk-private-key.txt day.jsonl --output day.csv
    """
    from kiosk.app import decrypt as decrypt_records
    from kiosk.core.errors import UnopenedRecordsError

    if output is None and letters is None:
        raise click.UsageError("Say what to write: --output FILE, --letters FILE.pdf, or both.")
    service = _service(config(), database) if letters is not None else None
    try:
        result = decrypt_records(
            source,
            list(keys),
            output=output,
            fmt=fmt,
            letters=letters,
            service=service,
            bom=not no_bom,
        )
    finally:
        if service is not None:
            service.close()
    if result.output is not None:
        click.echo(f"{result.records} record(s) opened and written to {result.output}.")
    if result.letters_output is not None:
        click.echo(f"Wrote {result.letters} letter(s) to {result.letters_output}.")
    elif letters is not None:
        click.echo(f"No record opened wants a letter: {letters} was not written.")
    for case_id in result.no_case:
        click.secho(f"no letters for case {case_id}: it is not installed here", err=True)
    for where, why in result.failed:
        click.secho(f"not opened: {where}: {why}", fg="red", err=True)
    if result.failed:
        raise UnopenedRecordsError(
            f"{len(result.failed)} record(s) could not be opened (see above) and are not in "
            "the files written."
        )


@cli.command("sync")
@click.option("--once", is_flag=True, help="Deliver now (ignoring the back-off), then exit.")
@click.option("--status", "show_status", is_flag=True, help="Show what waits and how it went.")
@click.option(
    "--max-time",
    default=60.0,
    show_default=True,
    type=click.FloatRange(0, 3600),
    help="With --once: seconds to keep retrying a receiver that is busy or unreachable.",
)
@click.option(
    "--release-quarantined",
    is_flag=True,
    help="Put the records the receiver refused back in line (after it was fixed).",
)
@common_options
def sync_command(
    config: Config,
    database: Path | None,
    once: bool,
    show_status: bool,
    max_time: float,
    release_quarantined: bool,
) -> None:
    """Deliver the recorded signatures to the organisation (sync.target in the config).

    Each record is delivered once: it is marked delivered only when the receiver acknowledged
    it. --once exits 0 when every record was delivered; 1 when the receiver refused records in
    this run (set aside and listed) or records still wait (the receiver could not be reached in
    --max-time); 77 when the receiver refuses the token; 78 when delivery cannot be set up (no
    target, no token, an address that is not https://) or the receiver refuses the address
    itself (a sync.url that is not its records endpoint); the records then all wait. `kiosk
    doctor` names the same set-up problems.

    \b
    Example:
      kiosk sync --once --max-time 120
      kiosk sync --status
    """
    from kiosk.core.delivery.protocol import SyncAddressError, SyncAuthError

    if not (once or show_status or release_quarantined):
        raise click.UsageError("Say what to do: --once, --status or --release-quarantined.")
    with _service(config, database) as service:
        run = service.sync(once=once, max_time=max_time, release=release_quarantined)
    if release_quarantined:
        click.echo(f"{run.released} record(s) put back in line.")
    report = run.report
    if report is not None:
        click.echo(
            f"this run: {report.delivered} delivered, {report.quarantined} refused, "
            f"{report.retry} to retry"
        )
        if report.error:
            click.secho(f"problem: {report.error}", fg="red", err=True)
    _echo_sync_status(run.status, run.quarantined)
    if report is not None and report.auth_problem:
        raise SyncAuthError(report.error or "the receiver refused the access token")
    if report is not None and report.address_problem:
        raise SyncAddressError(report.error or "the receiver refused the sync address")
    if report is not None and report.quarantined:
        raise NotReadyError(
            f"The receiver refused {report.quarantined} record(s) in this run: they are set "
            "aside, not delivered. See why with `kiosk sync --status`; once the receiver or the "
            "records are fixed, `kiosk sync --release-quarantined --once` sends them again."
        )
    if once and run.status.pending:
        raise NotReadyError(f"{run.status.pending} record(s) still wait to be delivered.")


def _echo_sync_status(status: Any, quarantined: list[tuple[str, str]]) -> None:
    click.echo(
        f"records: {status.pending} pending, {status.delivered} delivered, "
        f"{status.quarantined} refused (quarantined)"
    )
    click.echo(f"last success: {status.last_success or 'never'}")
    click.echo(f"last error: {status.last_error or 'none'}")
    if status.pending:
        click.echo(f"next attempt: {status.next_attempt or 'now'}")
    for uuid, reason in quarantined[:20]:
        click.echo(f"refused {uuid}: {reason}")


@cli.group(invoke_without_command=True)
@click.option(
    "--listen",
    default="127.0.0.1:8765",
    show_default=True,
    metavar="HOST:PORT",
    help="Address to listen on (only this one); 0.0.0.0 reaches the whole network.",
)
@click.option(
    "--token-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File (mode 0600) with the stand's shared token; or set KIOSK_SYNC_TOKEN. Without "
    "either, only paired kiosks deliver.",
)
@click.option(
    "--new-token",
    "new_token",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a new random token to this new file (mode 0600) and stop; give it to the kiosks.",
)
@click.option(
    "--set-password",
    "set_password",
    is_flag=True,
    help="Set the coordinators' password of the dashboard (asked twice, not shown; or one "
    "line on standard input) and stop.",
)
@common_options(lazy_config=True)
def collect(
    config: LazyConfig,
    database: Path | None,
    listen: str,
    token_file: Path | None,
    new_token: Path | None,
    set_password: bool,
) -> None:
    """Receive the signatures of a stand's kiosks (on the coordinator's laptop or one kiosk).

    Kiosks deliver to http://HOST:PORT/api/records with sync.target = "webhook". Each kiosk is
    best paired (`kiosk collect kiosks add NAME` prints a one-time code, `kiosk pair` on the
    kiosk trades it for a token of its own, which `kiosk collect kiosks revoke NAME` can
    refuse); a stand may also give every kiosk one shared token of at least 32 characters
    (--new-token makes one, --token-file takes it). On start it prints the exact sync.url to
    set on them (with 0.0.0.0, one for each of this machine's network addresses). Each record
    is stored once, by its id, in the database given (the same kind as a kiosk's, so `kiosk
    export --database` and `kiosk sync` work on it), with the kiosk that sent it and when it
    arrived. Open http://HOST:PORT/ for the coordinators' dashboard (counts per case, event,
    kiosk and hour; set their password first with --set-password). Slow or idle connections
    are cut off after the [collector] settings' times. With collector.upstream_url set, a
    stand's collector forwards every record it takes to that central collector, retrying until
    it is acknowledged.

    \b
    Example:
      kiosk collect --listen 0.0.0.0:8765 --database stand.db
      kiosk collect --database stand.db kiosks add bern-1
      kiosk collect --new-token token.txt
      kiosk collect --set-password --database stand.db
      kiosk collect --listen 0.0.0.0:8765 --database stand.db --token-file token.txt
    """
    context = click.get_current_context()
    if context.invoked_subcommand is not None:  # `kiosks ...` on this collector's database
        context.obj = {"config": config, "database": database}
        return
    from kiosk.app import collector, collector_upstream, new_collector_token, serve_collector

    if new_token is not None:
        new_collector_token(new_token)
        _echo_token_use(new_token, listen)
        return
    if set_password:
        from kiosk.app import set_coordinator_password

        set_coordinator_password(database or config().database_path, _read_new_password())
        click.echo("The coordinators' password is set; sessions made before have ended.")
        return
    host, _, port = listen.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise click.BadParameter(f"'{listen}' is not HOST:PORT", param_hint="--listen")
    limits = config().settings.collector
    upstream = collector_upstream(config())
    app = collector(database or config().database_path, token_file, limits, upstream)
    if app.state.collector.token is None:
        click.echo(
            "No shared token (--token-file): only kiosks paired with "
            "`kiosk collect kiosks add NAME` deliver here.",
            err=True,
        )
    _echo_collector_urls(host, int(port))
    if upstream is not None:
        click.echo(f"Forwarding every record to {upstream.url} (collector.upstream_url).", err=True)
    serve_collector(app, host.strip("[]"), int(port), limits)


def _read_new_password() -> str:
    """A new password: typed twice without echo at a terminal, or the first line of standard
    input (for scripts)."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    first = getpass.getpass("Coordinators' password: ")
    if getpass.getpass("The same again: ") != first:
        from kiosk.core.errors import WeakPasswordError

        raise WeakPasswordError("The two passwords differ; nothing was changed. Try again.")
    return first


@collect.group("kiosks")
def collect_kiosks() -> None:
    """The kiosks paired with this collector: add one (its one-time code), list, revoke."""


def _collector_database(config: LazyConfig, database: Path | str | None) -> Path | str:
    """The collector's database: given here, or to `kiosk collect` before `kiosks`, or the
    configured one."""
    given = click.get_current_context().find_object(dict) or {}
    if database is None:
        database = given.get("database")
    if database is not None:
        return database
    return (config if config.path else given.get("config", config))().database_path


@collect_kiosks.command("add")
@click.argument("name")
@click.option(
    "--hours",
    default=24.0,
    show_default=True,
    type=click.FloatRange(0.01, 336),
    help="Hours the code works; pair the kiosk within them.",
)
@common_options(lazy_config=True)
def collect_kiosks_add(config: LazyConfig, database: Path | None, name: str, hours: float) -> None:
    """Add a kiosk to this collector and print its one-time pairing code (and a QR code).

    The code works once, for --hours; the collector keeps only its hash, so it is shown now
    and never again. On the kiosk, `kiosk pair http://THIS-COMPUTER:8765 CODE` (or the
    pairing-code answer of `kiosk setup`) trades it for the kiosk's own token. Adding a kiosk
    that waits, whose code expired or that was revoked gives it a new code (the old one stops
    working); a paired kiosk must be revoked first.

    \b
    Example:
      kiosk collect kiosks add bern-1 --database stand.db
      kiosk collect kiosks add zurich-3 --database postgresql://kiosk@db.example.org/campaign
    """
    from kiosk.app.pairing import add_kiosk
    from kiosk.collector.pairing import code_qr_lines

    made = add_kiosk(_collector_database(config, database), name, hours)
    click.echo(f"Kiosk {made.name} added. Its pairing code works once, until {made.expires_at}:")
    click.echo()
    click.echo(f"    {made.code}")
    click.echo()
    for line in code_qr_lines(made.code):
        click.echo("    " + click.style(line, fg="black", bg="white"))
    click.echo()
    click.echo(f"On the kiosk: kiosk pair http://THIS-COMPUTER:8765 {made.code}")
    click.echo("(or give the code to `kiosk setup` when it asks for a pairing code)")


@collect_kiosks.command("list")
@common_options(lazy_config=True)
def collect_kiosks_list(config: LazyConfig, database: Path | None) -> None:
    """List the kiosks added to this collector: paired, waiting (with a code), revoked or
    expired (its code ran out unused: add it again), and when each last reported.

    \b
    Example:
      kiosk collect kiosks list --database stand.db
    """
    from kiosk.app.pairing import list_kiosks

    kiosks = list_kiosks(_collector_database(config, database))
    if not kiosks:
        click.echo("No kiosk added yet: kiosk collect kiosks add NAME")
        return
    width = max(len("KIOSK"), *(len(k.name) for k in kiosks))
    click.echo(f"{'KIOSK':<{width}}  {'STATE':<8}  {'LAST REPORT':<27}  REVOKED")
    for kiosk in kiosks:
        click.echo(
            f"{kiosk.name:<{width}}  {kiosk.state:<8}  {kiosk.last_report or 'never':<27}  "
            f"{kiosk.revoked_at or '-'}"
            + (f"  code until {kiosk.code_expires_at}" if kiosk.waiting else "")
        )


@collect_kiosks.command("revoke")
@click.argument("name")
@common_options(lazy_config=True)
def collect_kiosks_revoke(config: LazyConfig, database: Path | None, name: str) -> None:
    """Refuse a kiosk's token from now on (a lost or stolen kiosk).

    Its records stay on it, waiting, and nothing is lost: pair it again (`kiosk collect kiosks
    add NAME`, then `kiosk pair` on it) and it delivers them. A code it waits with stops
    working too.

    \b
    Example:
      kiosk collect kiosks revoke bern-1 --database stand.db
    """
    from kiosk.app.pairing import revoke_kiosk

    revoke_kiosk(_collector_database(config, database), name)
    click.echo(
        f"Kiosk {name} revoked: its token is refused from now on, its records wait on it. "
        f"To pair it again: kiosk collect kiosks add {name}"
    )


@cli.command()
@click.argument("url")
@click.argument("code")
@click.option(
    "--allow-http",
    is_flag=True,
    help="The collector's address is plain http:// on the stand's own, trusted network.",
)
@common_options(lazy_config=True)
def pair(config: LazyConfig, database: Path | None, url: str, code: str, allow_http: bool) -> None:
    """Pair this kiosk with a collector: trade the coordinator's one-time code for a token.

    URL is the collector's address (http://HOST:PORT, or the sync.url `kiosk collect` prints);
    CODE is what `kiosk collect kiosks add NAME` printed there. The token goes to a file only
    this user can read (sync.token_file), never to the screen; the settings then deliver to
    that collector (sync.target, sync.url, and kiosk.id when none is set), their comments kept.
    A code works once: a wrong, used or expired one is refused (exit 65) and the coordinator
    makes a new one.

    \b
    Example:
      kiosk pair http://192.168.1.20:8765 7QF3K-XB29M --allow-http
      kiosk pair https://collect.example.org 7QF3K-XB29M --config /etc/kiosk/config.toml
    """
    from kiosk.app.pairing import pair_kiosk

    paired = pair_kiosk(config.to_change(), url, code, allow_http=allow_http)
    click.echo(f"Paired: this kiosk is {paired.name} at {paired.url}.")
    click.echo(f"Its token is in {paired.token_file} (only this user can read it).")
    click.echo(f"Settings saved in {paired.config_path}. Deliver now with: kiosk sync --once")


def _echo_token_use(path: Path, listen: str) -> None:
    port = listen.rpartition(":")[2] or "8765"
    click.echo(f"A new token is in {path} (only you can read it). To use it:")
    click.echo(f"  here:          kiosk collect --listen 0.0.0.0:{port} --token-file {path}")
    click.echo("  on each kiosk: copy the file, chmod 600 it, and set in the kiosk's config:")
    click.echo('                 [sync] target = "webhook", token_file = "/path/to/the/copy",')
    click.echo(f'                 url = "http://THIS-COMPUTER:{port}/api/records"')


def _echo_collector_urls(host: str, port: int) -> None:
    """Say exactly which `sync.url` the kiosks need: the endpoint, at an address they reach."""
    from kiosk.core.delivery.address import collector_urls
    from kiosk.core.delivery.protocol import COLLECTOR_PATH

    urls = collector_urls(host, port, COLLECTOR_PATH)
    click.echo(f"Collecting on {host or '*'}:{port} (Ctrl+C to stop).", err=True)
    if not urls:
        click.secho(
            "This machine has no network address besides loopback: no kiosk can reach it. "
            "Connect it to the stand's network, then start `kiosk collect` again.",
            fg="red",
            err=True,
        )
        return
    click.echo("Set on each kiosk (with sync.allow_http = true on the stand's network):", err=True)
    for url, interface in urls:
        where = f"   # {interface}" if interface else ""
        click.echo(f'  sync.url = "{url}"{where}', err=True)
    status_page = urls[0][0].removesuffix(COLLECTOR_PATH) + "/"
    click.echo(
        f"Or pair each kiosk: kiosk collect kiosks add NAME here, then on the kiosk: "
        f"kiosk pair {status_page.rstrip('/')} CODE",
        err=True,
    )
    click.echo(f"Dashboard for coordinators: {status_page}", err=True)


@cli.group()
def admin() -> None:
    """The volunteers' PIN for the admin screen."""


@admin.command("set-pin")
@click.option(
    "--pin-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the PIN from this file instead of asking (for set-up scripts).",
)
@common_options
def admin_set_pin(config: Config, database: Path | None, pin_file: Path | None) -> None:
    """Set the PIN that opens the admin screen (asked twice, never shown or stored).

    Only a slow hash of it goes into the config file (admin.pin_hash). Digits only, at least
    4 (6 or more is better).

    \b
    Example:
      kiosk admin set-pin
    """
    if pin_file is not None:
        pin = pin_file.read_text(encoding="utf-8").strip()
    else:
        pin = click.prompt("New PIN", hide_input=True, confirmation_prompt="Once more")
    with _service(config, database) as service:
        path = service.set_pin(pin)
    click.echo(f"The admin PIN is set (its hash is in {path}).")


@admin.command("unlock")
@common_options
def admin_unlock(config: Config, database: Path | None) -> None:
    """Lift a lockout after too many wrong PINs (for a coordinator at the kiosk's terminal).

    \b
    Example:
      kiosk admin unlock
    """
    with _service(config, database) as service:
        service.unlock_admin()
    click.echo("The admin screen takes a PIN again.")


@cli.group("config")
def config_group() -> None:
    """Show, explain and change the settings."""


@config_group.command("show")
@common_options
def config_show(config: Config, database: Path | None) -> None:
    """Print the settings in force (file values over defaults) as TOML.

    \b
    Example:
      kiosk config show --config ./stand.toml
    """
    import tomlkit

    click.echo(f"# from {config.path or 'built-in defaults'}")
    click.echo(tomlkit.dumps(config.settings.model_dump()))


@config_group.command("reference")
def config_reference() -> None:
    """List every setting with its default and what it does.

    \b
    Example:
      kiosk config reference
    """
    from kiosk.core.config import reference

    for key, default, description in reference():
        click.echo(f"{key} = {default}\n    {description}")


@config_group.command("set")
@click.argument("key")
@click.argument("value")
@common_options(lazy_config=True)
def config_set(config: LazyConfig, database: Path | None, key: str, value: str) -> None:
    """Set KEY to VALUE in the configuration file, keeping its comments.

    VALUE is read as TOML (42, true, ["fr", "de"]) or else as text. The file is checked before
    it is written, so a bad value changes nothing.

    \b
    Example:
      kiosk config set printing.mode batch
    """
    import tomlkit

    try:
        parsed = tomlkit.parse(f"v = {value}")["v"]
    except tomlkit.exceptions.ParseError:
        parsed = value
    with _service(config.to_change(), database) as service:
        saved = service.update_settings({key: parsed})
    click.echo(f"{key} = {tomlkit.item(parsed).as_string()} in {saved.path}")


@cli.command()
@click.option("--dry-run", is_flag=True, help="Only say what would be erased; change nothing.")
@common_options
def purge(config: Config, database: Path | None, dry_run: bool) -> None:
    """Erase signers' personal data older than privacy.retention_days.

    Names, postal code, town, email and the drawn signature go from every record that is
    delivered and whose letter is printed (or not wanted), once it is older than the retention
    period; its case, time and consents stay, so the counts do not change. Letters saved as PDFs
    for those records are deleted. Records not yet delivered or printed are kept and counted.
    The kiosk also does this at start and daily.

    \b
    Example:
      kiosk purge --dry-run
      kiosk purge
    """
    with _service(config, database) as service:
        done = service.purge(dry_run=dry_run)
    since = f", the oldest signed {done.oldest[:10]}" if done.oldest else ""
    verb = "would be erased" if dry_run else "erased"
    click.echo(f"{done.count} record(s) older than {done.retention_days} days {verb}{since}.")
    if done.letters_removed:
        click.echo(f"{done.letters_removed} PDF letter(s) deleted.")
    if done.kept:
        click.echo(
            f"{done.kept} older record(s) kept: not yet delivered, or a letter still to print. "
            "`kiosk sync --status` and `kiosk print` show what waits."
        )
    if not done.complete:
        raise NotReadyError(
            "Another program held the database open, so the erased data may still sit in its "
            "journal: close the other kiosk commands and run `kiosk purge` again."
        )


@cli.command()
@click.option("--uuid", "record_uuid", help="The id of the record to erase.")
@click.option("--email", help="Erase every record that gave this email address.")
@common_options
def forget(
    config: Config, database: Path | None, record_uuid: str | None, email: str | None
) -> None:
    """Erase one person's data on this kiosk, and have the receiver erase its copy.

    Their records keep only case, time and consents; their letters not yet printed are
    cancelled and their PDF letters deleted; a record not yet delivered never will be. A
    tombstone for each record is delivered like a record (kiosk-sync/1): the collector or
    webhook erases its copy, the folder target gets a forget-*.jsonl file. Action Network cannot
    delete through its API: the command says what to do there by hand.

    \b
    Example:
      kiosk forget --email anna@example.org
      kiosk forget --uuid 3f0c1c2e-5d7e-4a51-9d0f-0b1e7d7c9a41
    """
    if (record_uuid is None) == (email is None):
        raise click.UsageError("Say whose data to erase: --uuid ID or --email ADDRESS.")
    with _service(config, database) as service:
        done = service.forget(uuid=record_uuid, email=email)
        target = service.config.settings.sync.target
    click.echo(f"{len(done.uuids)} record(s) erased on this kiosk: {', '.join(done.uuids)}")
    if done.letters_cancelled or done.letters_removed:
        click.echo(
            f"{done.letters_cancelled} letter(s) cancelled, {done.letters_removed} PDF letter(s) "
            "deleted."
        )
    if done.tombstones and target == "none":
        click.echo(
            f"{done.tombstones} erasure(s) wait for a receiver (sync.target = none): if these "
            "records were exported, erase them in the export by hand."
        )
    elif done.tombstones:
        click.echo(f"{done.tombstones} erasure(s) will be delivered to the receiver.")
    if done.by_hand:
        click.secho(done.by_hand, fg="yellow")
    if not done.complete:
        raise NotReadyError(
            "Another program held the database open, so the erased data may still sit in its "
            "journal: close the other kiosk commands and run `kiosk purge` to finish."
        )


def main() -> None:
    cli(prog_name="kiosk")
