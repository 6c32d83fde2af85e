import Foundation
import ResgateLocale
import RestoreKit

/// `--merge [--key F,G]` and DATA's `resgate.toml` `[merge.T]` sections → a `MergeRequest`.
enum MergeOptionReader {
    static func request(key: String?, data: String?, language: Language) throws -> MergeRequest {
        let fields = key.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        var config: [String: MergeTableConfig] = [:]
        if let data {
            do { config = try MergeConfig.load(file: data + "/resgate.toml") } catch {
                let w: Words = switch error {
                case let .syntax(file, line, reason):
                    Words(pt: "\(file):\(line): \(reason)", en: "\(file):\(line): \(reason)")
                case let .value(file, entry, reason):
                    Words(pt: "\(file) \(entry): \(reason)", en: "\(file) \(entry): \(reason)")
                }
                Console.err(w.text(in: language))
                throw ExitStatus.badInput
            }
        }
        return MergeRequest(key: fields, config: config)
    }
}
