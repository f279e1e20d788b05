"""python -m cloudwarden.cli"""

from cloudwarden.cli.main import run

run()
