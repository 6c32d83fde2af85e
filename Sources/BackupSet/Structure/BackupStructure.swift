/// `TableStructure` under a name that does not collide with `XBase.TableStructure` in
/// modules that import both (the module's own class `BackupSet` hides the module name).
public typealias BackupStructure = TableStructure
