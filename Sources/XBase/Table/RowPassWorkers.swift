import Foundation

/// The threads of a `forEachRow` pass: decoder `w` decodes chunks `w`, `w + workers`, …
/// into its two buffers in turn, and the calling thread hands the chunks to the body in
/// order, giving each buffer back once its rows have been seen.
///
/// One condition guards the little shared state (which chunk each buffer holds, whether
/// it may be refilled, and the stop flag); it is taken a few times per chunk of ~1 MB,
/// never per record.
final class RowPass: @unchecked Sendable {
    let table: DBFTable
    let plan: RowChunkPlan
    let workers: Int
    /// `chunks[w * 2 + b]`: buffer `b` of decoder `w`.
    let chunks: [RowChunk]
    private let cond = NSCondition()
    /// The chunk number a buffer holds, decoded (-1: none; it may be refilled).
    private var ready: [Int]
    /// A decoder found the table's end (or a read error) at this chunk: none after it come.
    private var lastChunk = Int.max
    private var stopped = false
    private var running = 0

    init(table: DBFTable, plan: RowChunkPlan, workers: Int) {
        self.table = table
        self.plan = plan
        self.workers = workers
        chunks = (0..<(2 * workers)).map { _ in RowChunk(plan: plan) }
        ready = Array(repeating: -1, count: 2 * workers)
    }

    /// Starts the decoders: false (and none left running) when the system would not
    /// give a thread, so the caller reads the table by itself instead of waiting forever.
    func start(_ startThread: (@escaping () -> Void) -> Bool) -> Bool {
        cond.lock()
        running = workers
        cond.unlock()
        for w in 0..<workers {
            if startThread({ [self] in decode(worker: w) }) { continue }
            cond.lock()
            running -= workers - w   // this one and the ones after it never ran
            cond.unlock()
            stop()
            return false
        }
        return true
    }

    /// Delivers every chunk in order on the calling thread (after `start`).
    func run(_ body: (DecodedRow) throws -> Void) throws {
        for c in 0..<plan.chunkCount {
            let slot = (c % workers) * 2 + (c / workers) % 2
            cond.lock()
            while ready[slot] != c && c <= lastChunk && !stopped { cond.wait() }
            let have = ready[slot] == c
            cond.unlock()
            guard have else { return }
            let chunk = chunks[slot]
            try chunk.deliver(body)
            if chunk.endsTable { return }
            cond.lock()
            ready[slot] = -1
            cond.broadcast()
            cond.unlock()
        }
    }

    /// Stops the decoders and waits until every one has left (the chunks and the table
    /// must outlive them).
    func stop() {
        cond.lock()
        stopped = true
        cond.broadcast()
        while running > 0 { cond.wait() }
        cond.unlock()
    }

    private func decode(worker w: Int) {
        let decoder = RowChunkDecoder(table: table, plan: plan)
        var c = w
        var turn = 0
        while c < plan.chunkCount {
            let slot = w * 2 + turn % 2
            cond.lock()
            while ready[slot] != -1 && !stopped { cond.wait() }
            let go = !stopped && c <= lastChunk
            cond.unlock()
            guard go else { break }
            let chunk = chunks[slot]
            decoder.decode(chunk: c, into: chunk)
            cond.lock()
            ready[slot] = c
            if chunk.endsTable { lastChunk = min(lastChunk, c) }
            cond.broadcast()
            cond.unlock()
            if chunk.endsTable { break }
            c += workers
            turn += 1
        }
        cond.lock()
        running -= 1
        cond.broadcast()
        cond.unlock()
    }
}

/// A detached thread running one closure, started with `pthread_create` so that a
/// refusal (too many threads, no memory) is seen, which Foundation's `Thread` does not say.
enum DecoderThread {
    final class Work { let run: () -> Void; init(_ run: @escaping () -> Void) { self.run = run } }

    static func start(_ run: @escaping () -> Void) -> Bool {
        let work = Unmanaged.passRetained(Work(run)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        pthread_attr_setstacksize(&attributes, 1 << 20)
        var thread = pthread_t()
        let rc = pthread_create(&thread, &attributes, { raw in
            Unmanaged<Work>.fromOpaque(raw!).takeRetainedValue().run()
            return nil
        }, work)
        if rc != 0 { Unmanaged<Work>.fromOpaque(work).release() }
        return rc == 0
    }
}
