/// Module `RestoreKit`: see Package.swift for its role.
