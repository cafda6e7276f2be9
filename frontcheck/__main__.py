from frontcheck.cli.main import run

run()
