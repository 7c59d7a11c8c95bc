import CZstd
import NIOCore

/// Zstandard, as export chunks are stored (D-EXPORTS): on export CSV its fastest level compresses
/// three times as fast as zlib's and a third smaller. Chunks stored as gzip by earlier versions
/// are still read (`CSVFile`).
enum Zstd {
    /// The first bytes of every Zstandard frame.
    static let magic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func check(_ code: Int) throws -> Int {
        if ZSTD_isError(code) != 0 { throw Failure(description: String(cString: ZSTD_getErrorName(code))) }
        return code
    }

    static func isFrame(_ bytes: [UInt8]) -> Bool { bytes.starts(with: magic) }

    /// The content of one frame written by `Compressor` (which records its size in the frame).
    static func decompress(_ bytes: [UInt8]) throws -> ByteBuffer {
        try bytes.withUnsafeBytes { source in
            let size = ZSTD_getFrameContentSize(source.baseAddress, source.count)
            // ZSTD_CONTENTSIZE_UNKNOWN and ZSTD_CONTENTSIZE_ERROR, which C defines as 0ULL - 1 and - 2.
            guard size < UInt64.max - 1, size <= UInt64(Int32.max) else {
                throw Failure(description: "a stored chunk that is not a whole Zstandard frame")
            }
            var buffer = ByteBufferAllocator().buffer(capacity: Int(size))
            try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: Int(size)) { target in
                try check(ZSTD_decompress(target.baseAddress, Int(size), source.baseAddress, source.count))
            }
            return buffer
        }
    }

    /// A compression context, kept from chunk to chunk; used by one task at a time.
    final class Compressor: @unchecked Sendable {
        private let context: OpaquePointer
        private var output: [UInt8] = []

        init() { context = ZSTD_createCCtx() }
        deinit { ZSTD_freeCCtx(context) }

        /// `bytes` as one frame at the fastest level (an export is CPU-bound).
        func compress(_ bytes: UnsafeBufferPointer<UInt8>) throws -> [UInt8] {
            let bound = ZSTD_compressBound(bytes.count)
            if output.count < bound { output = [UInt8](repeating: 0, count: bound) }
            let written = try output.withUnsafeMutableBytes { target in
                try check(
                    ZSTD_compressCCtx(context, target.baseAddress, target.count, bytes.baseAddress, bytes.count, 1))
            }
            return Array(output[..<written])
        }
    }
}
