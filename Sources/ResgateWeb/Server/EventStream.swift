import Foundation
import Hummingbird
import NIOCore

/// The live progress of one operation as server-sent events: every event from the start
/// (so a page that connects late misses nothing), then new ones as they come, then `end`
/// and the stream closes. Each event's `id` is its sequence number.
enum EventStream {
    /// How often the stream looks for new events.
    static let pollMicroseconds: UInt64 = 100_000

    static func response(center: OperationCenter, id: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody { writer in
                var sent = 0
                var idle: UInt64 = 0
                try await writer.write(ByteBuffer(string: "retry: 1000\n\n"))
                while let snap = center.snapshot(id, eventsAfter: sent) {
                    for e in snap.events {
                        try await writer.write(ByteBuffer(string: frame(e)))
                        sent = e.seq
                    }
                    if snap.events.contains(where: { $0.type == "end" }) { break }
                    if snap.events.isEmpty {
                        idle += pollMicroseconds
                        if idle >= 15_000_000 {
                            idle = 0
                            try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                        }
                    } else { idle = 0 }
                    try await Task.sleep(nanoseconds: pollMicroseconds * 1000)
                }
                try await writer.finish(nil)
            })
    }

    /// `id: N`, `event: type`, `data: {json}`.
    static func frame(_ e: OperationEvent) -> String {
        let json = (try? JSONCoding.encode(e)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "id: \(e.seq)\nevent: \(e.type)\ndata: \(json)\n\n"
    }
}
