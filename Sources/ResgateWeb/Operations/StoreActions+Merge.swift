import Foundation
import ResgateLocale
import RestoreKit
import StoreOps

/// The restore dialog's "Restaurar sem perder o que foi feito depois do backup" (issue 17):
/// the same `restore --merge` the command line runs, through StoreOps, first as a dry run
/// whose counts and default (`MergeAdvice`) the dialog shows before confirming.
extension StoreActions {
    /// `restore --merge [--key K]`'s request: the key as given and DATA's `[merge.T]`
    /// sections (an unusable resgate.toml is a 422, as the CLI's exit 2).
    func mergeRequest(_ r: RestoreRequest) throws -> MergeRequest {
        let key = (r.key ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return try web(422, "merge-config") {
            try StoreOps.RestoreRequest.merge(key: key.isEmpty ? nil : key.joined(separator: ","), data: data)
        }
    }

    /// `restore SET --data DATA … --merge --dry-run`, after the plain dry run: `{restore,
    /// advice}`. A merge that cannot run (its config, a live table it cannot read) gives
    /// advice that says why, never a failed preview: the plain restore stays possible.
    func mergePreview(_ r: RestoreRequest, language: Language, context: OperationCenter.Context) throws -> Data {
        context.emit(.message(Phrase.merge(.previewing).words))
        var m = r
        m.merge = true
        m.dryRun = true
        var shown: RestoreReport? = nil
        let advice: MergeAdvice
        do {
            let report = try runRestorer(m, into: nil, language: language, context: context)
            advice = MergeAdvice(mergeDryRun: report)
            shown = forScreen(report, language: language)
        } catch let e as WebError {
            advice = MergeAdvice(failure: e.words)
        } catch let f as OperationFailure {
            advice = MergeAdvice(failure: Words(f.text))
        } catch {
            advice = MergeAdvice(failure: Words(Cause(error).text))
        }
        return try splice(["restore": shown.map(encode), "advice": encode(advice)])
    }
}
