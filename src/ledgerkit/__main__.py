from ledgerkit.cli.app import main

main()
