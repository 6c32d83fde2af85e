/// Module `BackupSet`: see Package.swift for its role.
