import Foundation
import Testing

@testable import App

#if canImport(Glibc)
    import Glibc
#endif

/// R-VAL-08, D-FILES: an upload far over the limit is refused without the server holding it: the
/// `street-manager` executable, sent 100 MB over a socket, must not grow by more than the limit
/// and a small margin.
@Suite("Evidence file uploads on a live server")
struct FileUploadMemoryTests {
    static let limit = 1024 * 1024
    static let uploadBytes = 100 * 1024 * 1024
    /// What the process may grow by besides the limit: buffers, the parser's chunks, allocator slack.
    static let margin = 32 * 1024 * 1024

    @Test("R-VAL-08: 100 MB sent with a Content-Length, or streamed chunked, is refused without being held in memory")
    func largeUploadIsNotBuffered() async throws {
        #if os(Linux)
            // The real executable in a process of its own: what it holds is measured alone, not
            // with the tests running beside this one.
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "sm-live-\(UUID().uuidString)"
            )
            .path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let databaseURL = try await TestDatabase.fresh(in: directory)
            let port = LiveServerTests.freePort()
            let server = try await LiveServerTests.start(
                dataDirectory: directory, databaseURL: databaseURL, port: port,
                environment: ["FILE_MAX_BYTES": String(Self.limit), "RATE_LIMIT_PER_MINUTE": "0"])
            defer {
                server.process.terminate()
                server.process.waitUntilExit()
            }
            let pid = server.process.processIdentifier
            let (_, signIn) = try await LiveServerTests.call(
                server.base, "POST", "/v6/work/authenticate",
                json: ["emailAddress": Demo.planner, "password": DemoData.password])
            let token = try #require(signIn["idToken"] as? String)
            for chunked in [false, true] {
                let baseline = Self.residentBytes(of: pid)
                let peak = PeakSampler()
                let sampling = Task {
                    while !Task.isCancelled {
                        peak.note(Self.residentBytes(of: pid))
                        try? await Task.sleep(for: .milliseconds(5))
                    }
                }
                let outcome = try await Self.send(port: port, token: token, bytes: Self.uploadBytes, chunked: chunked)
                sampling.cancel()
                _ = await sampling.result
                peak.note(Self.residentBytes(of: pid))
                let growth = peak.value - baseline
                #expect(baseline > 0)
                #expect(
                    growth < Self.limit + Self.margin,
                    "chunked \(chunked): grew by \(growth) bytes, baseline \(baseline)")
                // Refused: a 413 naming the limit, or the connection closed before the body was
                // all sent (the answer then cannot always be read).
                if let status = outcome.status {
                    #expect(status == 413, "chunked \(chunked): \(outcome.response)")
                    #expect(outcome.response.contains("\(Self.limit) bytes"), "\(outcome.response)")
                } else {
                    #expect(outcome.sent < Self.uploadBytes, "chunked \(chunked): no answer after all was sent")
                }
            }
            // The server is still well.
            let (status, _) = try await LiveServerTests.call(server.base, "GET", "/v6/work/status")
            #expect(status == 200)
            server.process.terminate()
            server.process.waitUntilExit()
            await TestDatabase.drop(databaseURL)
        #endif
    }

    /// A process's resident set size, from `/proc/<pid>/statm`.
    static func residentBytes(of pid: Int32) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    final class PeakSampler: @unchecked Sendable {
        private let lock = NSLock()
        private var peak = 0
        func note(_ value: Int) { lock.withLock { peak = max(peak, value) } }
        var value: Int { lock.withLock { peak } }
    }

    struct Outcome: Sendable {
        var sent: Int
        var status: Int?
        var response: String
    }

    /// POSTs a multipart upload of `bytes` bytes over a plain socket, on a thread of its own,
    /// writing 64 KiB at a time and never holding more.
    static func send(port: Int, token: String, bytes: Int, chunked: Bool) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    with: Result { try sendBlocking(port: port, token: token, bytes: bytes, chunked: chunked) })
            }
            thread.start()
        }
    }

    struct SocketError: Error { var what: String }

    static func sendBlocking(port: Int, token: String, bytes: Int, chunked: Bool) throws -> Outcome {
        #if os(Linux)
            // The server listens on 127.0.0.1.
            var hints = addrinfo()
            hints.ai_family = AF_UNSPEC
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var found: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo("127.0.0.1", String(port), &hints, &found) == 0, let first = found else {
                throw SocketError(what: "getaddrinfo")
            }
            defer { freeaddrinfo(first) }
            var fd: Int32 = -1
            var candidate: UnsafeMutablePointer<addrinfo>? = first
            while let info = candidate, fd < 0 {
                let attempt = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
                if attempt >= 0, connect(attempt, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                    fd = attempt
                } else if attempt >= 0 {
                    close(attempt)
                }
                candidate = info.pointee.ai_next
            }
            guard fd >= 0 else { throw SocketError(what: "connect") }
            defer { close(fd) }
            var timeout = timeval(tv_sec: 30, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

            let boundary = "memory-test-boundary"
            let head = Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.png\"\r\nContent-Type: image/png\r\n\r\n"
                    .utf8)
            let tail = Array("\r\n--\(boundary)--\r\n".utf8)
            let total = head.count + bytes + tail.count
            var request =
                "POST /v6/work/files HTTP/1.1\r\nHost: 127.0.0.1\r\ntoken: \(token)\r\nContent-Type: multipart/form-data; boundary=\(boundary)\r\n"
            request += chunked ? "Transfer-Encoding: chunked\r\n\r\n" : "Content-Length: \(total)\r\n\r\n"

            func write(_ data: [UInt8]) -> Bool {
                var offset = 0
                while offset < data.count {
                    let n = data[offset...].withUnsafeBytes {
                        Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                    }
                    if n <= 0 { return false }
                    offset += n
                }
                return true
            }
            func framed(_ data: [UInt8]) -> [UInt8] {
                chunked ? Array(String(data.count, radix: 16).utf8) + [13, 10] + data + [13, 10] : data
            }
            var sent = 0
            var open = write(Array(request.utf8)) && write(framed(head + SampleFiles.png))
            let block = [UInt8](repeating: 0x41, count: 64 * 1024)
            while open && sent < bytes {
                open = write(framed(block))
                if open { sent += block.count }
            }
            if open { open = write(framed(tail)) && (!chunked || write(Array("0\r\n\r\n".utf8))) }
            var response: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while response.count < 64 * 1024 {
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 { break }
                response += buffer[0..<n]
                if let text = String(bytes: response, encoding: .utf8), text.contains("\r\n\r\n"),
                    text.contains("}")
                {
                    break
                }
            }
            let text = String(decoding: response, as: UTF8.self)
            var status: Int? = nil
            if text.hasPrefix("HTTP/1.1 ") { status = Int(text.dropFirst(9).prefix(3)) }
            return Outcome(sent: sent, status: status, response: text)
        #else
            throw SocketError(what: "Linux only")
        #endif
    }
}
