import Foundation
import RestoreKit

/// For the crash test only: `RESGATE_TEST_DELAY_US=N` makes a restore pause N µs before
/// every rename of the swap and every 200 records, so that a SIGKILL sent at a random
/// moment lands in every phase (writing, journaling, swapping). Unset, it does nothing.
enum CrashTestHook {
    static func install(on restorer: Restorer) {
        guard let v = ProcessInfo.processInfo.environment["RESGATE_TEST_DELAY_US"], let us = UInt32(v), us > 0 else { return }
        restorer.beforeEachRename = { usleep(us) }
        var n = 0
        restorer.afterEachRecord = {
            n += 1
            if n % 200 == 0 { usleep(us) }
        }
    }
}
