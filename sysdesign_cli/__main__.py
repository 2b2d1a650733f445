from sysdesign_cli.cli.app import main

main()
