/// Module `Fiscal`: see Package.swift for its role.
