import Foundation
import ResgateLocale

/// The long operations of one data folder (verify, compare, restore, undo, check), one at
/// a time.
///
/// The ERP's screen did one thing at a time and so does this one: a second operation while
/// one runs is refused (HTTP 409), never queued, so two restores can never interleave on
/// the same tables. Each operation runs on its own thread (the engine is synchronous and
/// may read for minutes; it must not hold a Swift concurrency thread), records its events
/// for the live progress stream, and ends with a JSON result.
public final class OperationCenter: @unchecked Sendable {
    private let lock = NSLock()
    private var operations: [String: Operation] = [:]
    private var order: [String] = []
    private var runningID: String?
    /// Finished operations kept for `GET /api/operations/{id}`.
    static let kept = 20

    public init() {}

    /// What the worker reports while it runs.
    public struct Context: Sendable {
        let center: OperationCenter
        let id: String
        public func emit(_ event: OperationEvent) { center.append(event, to: id) }
        public var isCancelled: Bool { center.cancelRequested(id) }
    }

    public enum StartError: Error { case busy(running: String) }

    /// Starts `work` on a new thread unless another operation runs. `work` returns the
    /// result as a JSON document.
    public func start(kind: String, cancellable: Bool,
                      _ work: @escaping @Sendable (Context) throws -> Data) throws(StartError) -> String {
        lock.lock()
        if let r = runningID {
            lock.unlock()
            throw .busy(running: r)
        }
        let id = Self.newID()
        operations[id] = Operation(id: id, kind: kind, cancellable: cancellable, started: Date())
        order.append(id)
        runningID = id
        while order.count > Self.kept, let old = order.first, old != id {
            order.removeFirst()
            operations[old] = nil
        }
        lock.unlock()
        let context = Context(center: self, id: id)
        let thread = Thread {
            let outcome: Result<Data, Error>
            do { outcome = .success(try work(context)) } catch { outcome = .failure(error) }
            self.finish(id, outcome)
        }
        thread.name = "resgate-\(kind)"
        thread.stackSize = 8 << 20
        thread.start()
        return id
    }

    /// Asks the running operation to stop. False when it cannot be cancelled or is not running.
    public func cancel(_ id: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard let op = operations[id], op.state == .running, op.cancellable else { return false }
        op.cancelRequested = true
        return true
    }

    public var running: String? { lock.lock(); defer { lock.unlock() }; return runningID }

    /// A copy of the operation's state, events from `after` on.
    public func snapshot(_ id: String, eventsAfter after: Int = 0) -> OperationSnapshot? {
        lock.lock(); defer { lock.unlock() }
        guard let op = operations[id] else { return nil }
        return OperationSnapshot(id: op.id, kind: op.kind, state: op.state, started: op.started,
                                 finished: op.finished, cancellable: op.cancellable,
                                 events: Array(op.events.dropFirst(after)), result: op.result, error: op.error)
    }

    /// Most recent first.
    public func recent() -> [OperationSnapshot] {
        let ids: [String] = { lock.lock(); defer { lock.unlock() }; return order.reversed() }()
        return ids.compactMap { snapshot($0, eventsAfter: Int.max) }
    }

    /// Blocks (polling) until the operation ends; for tests and the command line.
    public func wait(_ id: String, timeout: TimeInterval = 120) -> OperationSnapshot? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let s = snapshot(id, eventsAfter: Int.max), s.state != .running { return s }
            usleep(20_000)
        }
        return snapshot(id, eventsAfter: Int.max)
    }

    func append(_ event: OperationEvent, to id: String) {
        lock.lock(); defer { lock.unlock() }
        guard let op = operations[id] else { return }
        var e = event
        e.seq = op.events.count + 1
        op.events.append(e)
    }

    func cancelRequested(_ id: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return operations[id]?.cancelRequested ?? false
    }

    private func finish(_ id: String, _ outcome: Result<Data, Error>) {
        lock.lock(); defer { lock.unlock() }
        if runningID == id { runningID = nil }
        guard let op = operations[id] else { return }
        op.finished = Date()
        switch outcome {
        case .success(let data):
            op.result = data
            op.state = op.cancelRequested ? .cancelled : .done
        case .failure(let error):
            op.state = .failed
            op.error = (error as? WebError)?.words ?? WebPhrase.failed(Cause(error)).words
        }
        var end = OperationEvent(type: "end")
        end.seq = op.events.count + 1
        end.state = op.state.rawValue
        op.events.append(end)
    }

    static func newID() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyyMMdd-HHmmss"
        return f.string(from: Date()) + "-" + String(UInt16.random(in: .min ... .max), radix: 16)
    }

    final class Operation {
        let id: String
        let kind: String
        let cancellable: Bool
        let started: Date
        var finished: Date?
        var state: OperationState = .running
        var events: [OperationEvent] = []
        var result: Data?
        var error: Words?
        var cancelRequested = false
        init(id: String, kind: String, cancellable: Bool, started: Date) {
            self.id = id; self.kind = kind; self.cancellable = cancellable; self.started = started
        }
    }
}

public enum OperationState: String, Sendable, Codable {
    case running, done, failed, cancelled
}

/// One line of the live progress: an ERP message, a table's progress, or the end.
public struct OperationEvent: Sendable, Codable, Equatable {
    public var seq = 0
    /// "message", "plan", "progress", "tableDone" or "end".
    public var type: String
    public var pt: String?
    public var en: String?
    public var table: String?
    public var records: Int?
    public var expected: Int?
    public var seconds: Double?
    /// For "progress" with a known total: the percent done and the seconds left at the
    /// pace so far (the words, in `pt`/`en`, say the same).
    public var percent: Int?
    public var secondsLeft: Int?
    /// For "progress": which step when a table has two (`compare`: the comparison's diff).
    public var step: String?
    /// For "end": the final state.
    public var state: String?

    public init(type: String) { self.type = type }

    public static func message(_ w: Words) -> OperationEvent {
        var e = OperationEvent(type: "message"); e.pt = w.pt; e.en = w.en; return e
    }
}

/// What `GET /api/operations/{id}` answers (the result is spliced in as raw JSON).
public struct OperationSnapshot: Sendable {
    public var id: String
    public var kind: String
    public var state: OperationState
    public var started: Date
    public var finished: Date?
    public var cancellable: Bool
    public var events: [OperationEvent]
    public var result: Data?
    public var error: Words?

    struct Head: Encodable {
        var id: String, kind: String, state: OperationState, started: String, finished: String?
        var cancellable: Bool, error: Words?
    }

    /// `{"id", "kind", "state", "started", "finished", "cancellable", "error", "result"}`.
    public func json() -> Data {
        let iso = ISO8601DateFormatter()
        let head = Head(id: id, kind: kind, state: state, started: iso.string(from: started),
                        finished: finished.map(iso.string(from:)), cancellable: cancellable, error: error)
        var out = (try? JSONCoding.encoder.encode(head)) ?? Data("{}".utf8)
        out.removeLast() // "}"
        out += Data(#","result":"#.utf8) + (result ?? Data("null".utf8)) + Data("}".utf8)
        return out
    }
}
