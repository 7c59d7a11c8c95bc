import CSQLite
import Foundation
import Logging
import NIOPosix
import Synchronization

/// SQLite in WAL mode with `synchronous=FULL`: a commit is on disk before the call returns, so a
/// write that was answered survives `kill -9` (and a power cut). One writer connection
/// (serialised by a lock, as SQLite allows one writer) and several reader connections that
/// never block it. Each connection keeps its prepared statements, and runs on threads of its
/// own so that a slow query or an fsync never holds up the server's event loops.
public final class SQLiteDatabase: Database {
    public let dialect = SQLDialect.sqlite
    private let writer: SQLiteHandle
    /// The reader threads' connections, one per thread.
    private let readers: SQLiteHandlePool?
    /// Connections for reads made on the calling thread (`lookup`, `read`), one per core.
    private let inlineReaders: SQLiteHandlePool?
    private let writerThread: NIOThreadPool
    private let readerThreads: NIOThreadPool?
    private let writeLock = AsyncLock()
    /// Whether a checkpoint is running or queued.
    private let checkpointing = CheckpointFlag()
    /// The log's length (pages) from which a commit starts a checkpoint: SQLite's own default.
    static let checkpointPages: Int32 = 1000

    /// SQLite's memory statistics are off: nothing here reads them, and they put a mutex around
    /// every allocation. Only possible before SQLite initialises, so once, at the first open.
    private static let configured: Void = { _ = street_manager_sqlite3_disable_memstatus() }()

    public static func open(path: String?, readers readerCount: Int = 4, logger: Logger) async throws -> SQLiteDatabase
    {
        Self.configured
        let writerThread = NIOThreadPool(numberOfThreads: 1)
        writerThread.start()
        let writer = try await writerThread.runIfActive { try SQLiteHandle(path: path ?? ":memory:") }
        try await writerThread.runIfActive {
            if path != nil {
                try writer.execute("PRAGMA journal_mode=WAL", [])
                try writer.execute("PRAGMA synchronous=FULL", [])
                // Checkpoints are run by `checkpointIfDue`, off the writer.
                writer.watchWAL()
            }
            try writer.execute("PRAGMA foreign_keys=ON", [])
        }
        guard let path else {
            return SQLiteDatabase(
                writer: writer, writerThread: writerThread, readers: nil, inlineReaders: nil, readerThreads: nil)
        }
        let count = max(1, readerCount)
        let readerThreads = NIOThreadPool(numberOfThreads: count)
        readerThreads.start()
        // One connection per reader thread, plus one per core for reads made inline.
        let inlineCount = ProcessInfo.processInfo.activeProcessorCount
        let connections = count + inlineCount
        // Readers get the writer's settings too: nothing they run may behave differently.
        let handles = try await readerThreads.runIfActive {
            try (0..<connections).map { _ in
                let handle = try SQLiteHandle(path: path)
                // 8 MB of pages each (SQLite's default is 2 MB): a map or a list page reads a few
                // hundred pages, which are otherwise copied in from the file again each time.
                try handle.execute("PRAGMA cache_size=-8192", [])
                try handle.execute("PRAGMA synchronous=FULL", [])
                try handle.execute("PRAGMA foreign_keys=ON", [])
                return handle
            }
        }
        return SQLiteDatabase(
            writer: writer, writerThread: writerThread, readers: SQLiteHandlePool(Array(handles.prefix(count))),
            inlineReaders: SQLiteHandlePool(Array(handles.dropFirst(count))), readerThreads: readerThreads)
    }

    private init(
        writer: SQLiteHandle, writerThread: NIOThreadPool, readers: SQLiteHandlePool?,
        inlineReaders: SQLiteHandlePool?, readerThreads: NIOThreadPool?
    ) {
        self.inlineReaders = inlineReaders
        self.writer = writer
        self.writerThread = writerThread
        self.readers = readers
        self.readerThreads = readerThreads
    }

    @discardableResult
    public func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        if let readers, let readerThreads, Self.isRead(sql) {
            return try await readerThreads.runIfActive { try readers.with { try $0.execute(sql, binds) } }
        }
        await writeLock.lock()
        do {
            let writer = self.writer
            let (rows, pages) = try await writerThread.runIfActive { (try writer.execute(sql, binds), writer.walPages) }
            await writeLock.unlock()
            checkpointIfDue(pages)
            return rows
        } catch {
            await writeLock.unlock()
            throw error
        }
    }

    /// A keyed read on the calling thread when an inline connection is free (see `read`); any
    /// other statement through `query`.
    public func lookup(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        if Self.isRead(sql), let inline = try inlineReaders?.withFree({ try $0.execute(sql, binds) }) { return inline }
        return try await query(sql, binds)
    }

    /// Several keyed reads inside one read transaction (so they see the same snapshot), run on
    /// the calling thread when a reader connection is free: they take microseconds, less than
    /// the two thread switches a trip to a reader thread costs. Long reads go through `scan`.
    public func read(_ statements: [SQLStatement]) async throws -> [[SQLRow]] {
        guard let readers, let readerThreads else { return try await readOneByOne(statements) }
        @Sendable func run(_ handle: SQLiteHandle) throws -> [[SQLRow]] {
            try handle.execute("BEGIN", [])
            defer { _ = try? handle.execute("COMMIT", []) }
            return try statements.map { try handle.execute($0.sql, $0.binds) }
        }
        if let inline = try inlineReaders?.withFree(run) { return inline }
        return try await readerThreads.runIfActive { try readers.with(run) }
    }

    /// On a reader thread and connection: the export's rows are written where SQLite holds them.
    public func scan(
        _ sql: String, _ binds: [SQLValue], _ body: @escaping @Sendable (SQLCells) throws -> Void
    ) async throws {
        guard let readers, let readerThreads, Self.isRead(sql) else {
            return try await scanThroughQuery(sql, binds, body)
        }
        try await readerThreads.runIfActive { try readers.with { try $0.scan(sql, binds, body) } }
    }

    /// The writer connection is lent to `body` under the write lock, and its statements run on
    /// the calling thread: inserts and keyed reads take microseconds, far less than the two
    /// thread switches a trip to the writer thread costs, and a works command makes ten of them.
    /// Only what can wait runs on the writer thread: `COMMIT` (the fsync of `synchronous=FULL`),
    /// and `BEGIN IMMEDIATE` when another process holds the database's write lock.
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        await writeLock.lock()
        let writer = self.writer
        let executor = SQLiteTransaction(handle: writer)
        do {
            if try !writer.beginImmediateWithoutWaiting() {
                try await writerThread.runIfActive { try writer.execute("BEGIN IMMEDIATE", []) }
            }
        } catch {
            await writeLock.unlock()
            throw error
        }
        do {
            let result = try await body(executor)
            let pages = try await writerThread.runIfActive {
                try writer.execute("COMMIT", [])
                return writer.walPages
            }
            await writeLock.unlock()
            checkpointIfDue(pages)
            return result
        } catch {
            _ = try? writer.execute("ROLLBACK", [])
            await writeLock.unlock()
            throw error
        }
    }

    /// Copies the write-ahead log back into the database once it holds `checkpointPages` pages.
    /// SQLite would run that checkpoint inside the commit that filled the log, holding every
    /// other writer up for as long as its random writes and fsync take. Here most of the log is
    /// copied on a reader thread and connection while writers go on (`PASSIVE`); then, under the
    /// write lock, the writer copies the few pages committed meanwhile, so that the next commit
    /// starts the log afresh instead of letting it grow.
    private func checkpointIfDue(_ pages: Int32) {
        guard pages >= Self.checkpointPages, let readers, let readerThreads, checkpointing.start() else { return }
        let writer = self.writer
        Task {
            _ = try? await readerThreads.runIfActive {
                try readers.with { try $0.execute("PRAGMA wal_checkpoint(PASSIVE)", []) }
            }
            await writeLock.lock()
            _ = try? await writerThread.runIfActive { try writer.execute("PRAGMA wal_checkpoint(PASSIVE)", []) }
            await writeLock.unlock()
            checkpointing.finish()
        }
    }

    public func shutdown() async {
        await checkpointing.close()
        if let readers, let readerThreads {
            let inlineReaders = self.inlineReaders
            _ = try? await readerThreads.runIfActive {
                readers.closeAll()
                inlineReaders?.closeAll()
            }
            try? await readerThreads.shutdownGracefully()
        }
        // Not under a transaction running on another thread (`transaction` runs inline).
        await writeLock.lock()
        let writer = self.writer
        _ = try? await writerThread.runIfActive { writer.close() }
        await writeLock.unlock()
        try? await writerThread.shutdownGracefully()
    }

    static func isRead(_ sql: String) -> Bool {
        let head = sql.prefix(8).uppercased().trimmingCharacters(in: .whitespacesAndNewlines)
        return head.hasPrefix("SELECT") || head.hasPrefix("WITH")
    }
}

/// Whether a checkpoint is running (one at a time).
final class CheckpointFlag: Sendable {
    private let state = Mutex((running: false, closed: false))

    /// True when none was running and the database is open (this caller runs it now).
    func start() -> Bool {
        state.withLock { state in
            guard !state.running, !state.closed else { return false }
            state.running = true
            return true
        }
    }

    func finish() { state.withLock { $0.running = false } }

    /// Starts no more checkpoints, and waits for one that is running.
    func close() async {
        while state.withLock({ state in
            state.closed = true
            return state.running
        }) {
            try? await Task.sleep(for: .milliseconds(1))
        }
    }
}

/// The writer connection, lent to one transaction (under the write lock): its statements run on
/// the calling thread.
struct SQLiteTransaction: SQLExecutor {
    let handle: SQLiteHandle
    var dialect: SQLDialect { .sqlite }

    @discardableResult
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try handle.execute(sql, binds)
    }

    func read(_ statements: [SQLStatement]) async throws -> [[SQLRow]] {
        try statements.map { try handle.execute($0.sql, $0.binds) }
    }

    func scan(
        _ sql: String, _ binds: [SQLValue], _ body: @escaping @Sendable (SQLCells) throws -> Void
    ) async throws {
        try handle.scan(sql, binds, body)
    }
}

/// Reader connections, lent one per running job (there are as many as reader threads).
final class SQLiteHandlePool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [SQLiteHandle]
    private let all: [SQLiteHandle]

    init(_ handles: [SQLiteHandle]) {
        free = handles
        all = handles
    }

    /// `body` with a free connection; there is always one for a reader thread's job.
    func with<T>(_ body: (SQLiteHandle) throws -> T) throws -> T {
        guard let result = try withFree(body) else {
            throw SQLiteStoreError(code: 0, message: "no free reader connection")
        }
        return result
    }

    /// `body` with a free connection, or nil at once when none is free (or the pool is closing).
    func withFree<T>(_ body: (SQLiteHandle) throws -> T) throws -> T? {
        guard let handle = lock.withLock({ closing ? nil : free.popLast() }) else { return nil }
        defer { lock.withLock { free.append(handle) } }
        return try body(handle)
    }

    private var closing = false

    /// Lends no more connections, waits for those lent to come back, and closes them all: a
    /// connection is never closed under a query another thread is running on it.
    func closeAll() {
        lock.withLock { closing = true }
        while lock.withLock({ free.count < all.count }) { usleep(1_000) }
        for handle in all { handle.close() }
    }
}

/// An SQLite error with its (extended) result code.
public struct SQLiteStoreError: Error, CustomStringConvertible {
    public var code: Int32
    public var message: String
    public var description: String { "SQLite error \(code): \(message)" }
}

/// One `sqlite3` connection and its prepared statements. Used by one thread at a time.
final class SQLiteHandle: @unchecked Sendable {
    private var db: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    /// The column names of the prepared statements, once read.
    private var columnNames: [OpaquePointer: SQLColumnNames] = [:]
    /// The pages in the write-ahead log after the last commit (when `watchWAL` was called).
    private(set) var walPages: Int32 = 0
    static let maximumCachedStatements = 256
    static let busyTimeoutMilliseconds: Int32 = 10_000
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(path: String) throws {
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(handle)
            throw SQLiteStoreError(code: rc, message: "\(message) (\(path))")
        }
        db = handle
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, Self.busyTimeoutMilliseconds)
    }

    /// Records the log's length after each commit in `walPages`, in place of SQLite's automatic
    /// checkpoints.
    func watchWAL() {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_wal_hook(
            db,
            { context, _, _, pages in
                if let context { Unmanaged<SQLiteHandle>.fromOpaque(context).takeUnretainedValue().walPages = pages }
                return SQLITE_OK
            }, context)
    }

    func close() {
        for statement in statements.values { sqlite3_finalize(statement) }
        statements.removeAll()
        columnNames.removeAll()
        if let db { sqlite3_close_v2(db) }
        db = nil
    }

    deinit { close() }

    private func failure(_ rc: Int32) -> any Error {
        let code = db.map { sqlite3_extended_errcode($0) } ?? rc
        let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "closed"
        // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY (macros Swift cannot import).
        if code == SQLITE_CONSTRAINT | (8 << 8) || code == SQLITE_CONSTRAINT | (6 << 8) {
            return StoreError.uniqueViolation(message)
        }
        return SQLiteStoreError(code: code, message: message)
    }

    /// `BEGIN IMMEDIATE` if the database's write lock is free at once: false (nothing begun) when
    /// another process holds it, so that the wait happens off the caller's thread.
    func beginImmediateWithoutWaiting() throws -> Bool {
        guard let db else { throw SQLiteStoreError(code: SQLITE_MISUSE, message: "connection closed") }
        sqlite3_busy_timeout(db, 0)
        defer { sqlite3_busy_timeout(db, Self.busyTimeoutMilliseconds) }
        do {
            try execute("BEGIN IMMEDIATE", [])
            return true
        } catch let error as SQLiteStoreError where error.code & 0xFF == SQLITE_BUSY {
            return false
        }
    }

    /// Runs `sql` (one statement, or several separated by `;` when nothing is bound) and returns
    /// the rows of the last.
    @discardableResult
    func execute(_ sql: String, _ binds: [SQLValue]) throws -> [SQLRow] {
        guard let db else { throw SQLiteStoreError(code: SQLITE_MISUSE, message: "connection closed") }
        if let cached = statements[sql] { return try run(cached, binds, cached: true) }
        var statement: OpaquePointer?
        var rest = ""
        let rc = sql.withCString { text -> Int32 in
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v3(db, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, &tail)
            if let tail { rest = String(cString: tail).trimmingCharacters(in: .whitespacesAndNewlines) }
            return rc
        }
        guard rc == SQLITE_OK, let statement else { throw failure(rc) }
        if !rest.isEmpty {
            // A script: run this statement once, then the rest.
            defer { sqlite3_finalize(statement) }
            _ = try run(statement, binds, cached: false)
            return try execute(rest, [])
        }
        if statements.count >= Self.maximumCachedStatements {
            for cached in statements.values { sqlite3_finalize(cached) }
            statements.removeAll()
            columnNames.removeAll()
        }
        statements[sql] = statement
        return try run(statement, binds, cached: true)
    }

    /// Steps one statement (not a script), handing each row to `body` where SQLite holds it.
    func scan(_ sql: String, _ binds: [SQLValue], _ body: (SQLCells) throws -> Void) throws {
        guard let db else { throw SQLiteStoreError(code: SQLITE_MISUSE, message: "connection closed") }
        let statement: OpaquePointer
        if let cached = statements[sql] {
            statement = cached
        } else {
            var prepared: OpaquePointer?
            let rc = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
            guard rc == SQLITE_OK, let prepared else { throw failure(rc) }
            if statements.count >= Self.maximumCachedStatements {
                for cached in statements.values { sqlite3_finalize(cached) }
                statements.removeAll()
                columnNames.removeAll()
            }
            statements[sql] = prepared
            statement = prepared
        }
        defer { sqlite3_reset(statement) }
        try bind(statement, binds)
        let cells = SQLCells(sqlite: statement)
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw failure(rc) }
            try body(cells)
        }
    }

    private func run(_ statement: OpaquePointer, _ binds: [SQLValue], cached: Bool) throws -> [SQLRow] {
        defer { sqlite3_reset(statement) }
        try bind(statement, binds)
        return try rows(statement, cached: cached)
    }

    private func bind(_ statement: OpaquePointer, _ binds: [SQLValue]) throws {
        // Every parameter is bound again on each run, so the bindings are not cleared (clearing
        // them marks some statements for a fresh prepare).
        for (offset, value) in binds.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(statement, index)
            case .int(let i): rc = sqlite3_bind_int64(statement, index, i)
            case .double(let d): rc = sqlite3_bind_double(statement, index, d)
            case .text(let s):
                // With its length in bytes: a NUL inside the text is kept, not taken as its end.
                var text = s
                rc = text.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { chars in
                        guard let base = chars.baseAddress else {
                            return sqlite3_bind_text(statement, index, "", 0, Self.transient)
                        }
                        return sqlite3_bind_text(statement, index, base, Int32(chars.count), Self.transient)
                    }
                }
            case .blob(let b):
                rc = b.withUnsafeBytes {
                    sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), Self.transient)
                }
            }
            guard rc == SQLITE_OK else { throw failure(rc) }
        }
    }

    private func rows(_ statement: OpaquePointer, cached: Bool) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        var count: Int32 = 0
        var names: SQLColumnNames? = nil
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw failure(rc) }
            if names == nil {
                // Read once stepped: a statement SQLite prepared again after a schema change (at
                // its first step) may have other columns than when it was kept.
                count = sqlite3_column_count(statement)
                names = cached ? columnNames[statement].flatMap { $0.names.count == Int(count) ? $0 : nil } : nil
                if names == nil {
                    names = SQLColumnNames((0..<count).map { String(cString: sqlite3_column_name(statement, $0)) })
                    if cached { columnNames[statement] = names }
                }
            }
            var values: [SQLValue] = []
            values.reserveCapacity(Int(count))
            for column in 0..<count {
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: values.append(.int(sqlite3_column_int64(statement, column)))
                case SQLITE_FLOAT: values.append(.double(sqlite3_column_double(statement, column)))
                case SQLITE_TEXT:
                    let bytes = sqlite3_column_text(statement, column)
                    let length = Int(sqlite3_column_bytes(statement, column))
                    values.append(
                        .text(
                            bytes.map { String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self) }
                                ?? ""))
                case SQLITE_BLOB:
                    let bytes = sqlite3_column_blob(statement, column)
                    let length = Int(sqlite3_column_bytes(statement, column))
                    values.append(
                        .blob(bytes.map { Array(UnsafeRawBufferPointer(start: $0, count: length)) } ?? []))
                default: values.append(.null)
                }
            }
            rows.append(SQLRow(names: names!, values: values))
        }
        return rows
    }
}
