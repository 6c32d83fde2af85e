#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func fileExists(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
}

func stripExtension(_ path: String) -> String {
    guard let dot = path.lastIndex(of: "."),
          path[dot...].firstIndex(of: "/") == nil else { return path }
    return String(path[..<dot])
}

/// `dir/name.EXT` with the extension matched case-insensitively, and the base name too.
func findCaseInsensitive(base: String, ext: String) -> String? {
    let slash = base.lastIndex(of: "/")
    let dir = slash.map { String(base[..<$0]) } ?? "."
    let name = slash.map { String(base[base.index(after: $0)...]) } ?? base
    guard let d = opendir(dir) else { return nil }
    defer { closedir(d) }
    let wanted = (name + "." + ext).lowercased()
    while let e = readdir(d) {
        let entry = withUnsafePointer(to: e.pointee.d_name) {
            $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        if entry.lowercased() == wanted { return dir == "." && slash == nil ? entry : dir + "/" + entry }
    }
    return nil
}
