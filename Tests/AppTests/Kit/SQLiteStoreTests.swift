import Foundation
import Logging
import Store
import Testing

/// What the SQLite driver promises whatever drives it: durable commits, foreign keys, unique
/// violations reported as such, and several reads in one snapshot.
@Suite("SQLite store: settings of every connection, errors, snapshots")
struct SQLiteStoreTests {
    /// A database file in a directory of its own, removed afterwards.
    static func withFile(_ body: (SQLiteDatabase) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sm-sqlite-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try await SQLiteDatabase.open(
            path: (directory as NSString).appendingPathComponent("store.sqlite"), logger: Logger(label: "sqlite"))
        do {
            try await body(database)
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    /// The file a database was opened on.
    static func file(of database: SQLiteDatabase) async throws -> String {
        try #require(try await database.first("PRAGMA database_list", [])?.string("file"))
    }

    @Test("WAL, synchronous=FULL (2) and foreign keys on the writer and on the readers")
    func settings() async throws {
        try await Self.withFile { database in
            // Not a SELECT: runs on the writer connection.
            #expect(try await database.first("PRAGMA synchronous", [])?.int("synchronous") == 2)
            #expect(try await database.first("PRAGMA journal_mode", [])?.string("journal_mode") == "wal")
            #expect(try await database.first("PRAGMA foreign_keys", [])?.int("foreign_keys") == 1)
            // `read` and SELECTs run on reader connections.
            let read = try await database.read([
                SQLStatement("PRAGMA synchronous", []), SQLStatement("PRAGMA foreign_keys", []),
            ])
            #expect(read[0].first?.int("synchronous") == 2)
            #expect(read[1].first?.int("foreign_keys") == 1)
            #expect(try await database.first("SELECT synchronous AS s FROM pragma_synchronous", [])?.int("s") == 2)
        }
    }

    @Test("Unique and primary-key violations are StoreError.uniqueViolation; a failed transaction leaves nothing")
    func violations() async throws {
        try await Self.withFile { database in
            try await database.query("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)", [])
            try await database.query("INSERT INTO t (id, name) VALUES (1, 'a')", [])
            for sql in ["INSERT INTO t (id, name) VALUES (1, 'b')", "INSERT INTO t (id, name) VALUES (2, 'a')"] {
                do {
                    try await database.query(sql, [])
                    Issue.record("\(sql) succeeded")
                } catch StoreError.uniqueViolation {
                }
            }
            await #expect(throws: StoreError.self) {
                try await database.transaction { tx in
                    try await tx.query("INSERT INTO t (id, name) VALUES (3, 'c')", [])
                    try await tx.query("INSERT INTO t (id, name) VALUES (4, 'a')", [])
                }
            }
            #expect(try await database.query("SELECT id FROM t", []).count == 1)
            // The statement that failed can run again once it would succeed.
            try await database.query("INSERT INTO t (id, name) VALUES (2, 'b')", [])
            #expect(try await database.query("SELECT id FROM t ORDER BY id", []).compactMap { $0.int("id") } == [1, 2])
        }
    }

    @Test("Transactions run one at a time, whoever starts them and however many at once")
    func transactionsInTurn() async throws {
        try await Self.withFile { database in
            try await database.query("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)", [])
            try await database.query("INSERT INTO counter (id, n) VALUES (1, 0)", [])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<200 {
                    group.addTask {
                        try await database.transaction { tx in
                            let n = try await tx.first("SELECT n FROM counter WHERE id = 1", [])?.int("n") ?? -1
                            await Task.yield()
                            try await tx.query("UPDATE counter SET n = ? WHERE id = 1", [.int(Int64(n + 1))])
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await database.first("SELECT n FROM counter WHERE id = 1", [])?.int("n") == 200)
        }
    }

    @Test("A transaction waits for another connection's write lock (another process) instead of failing")
    func waitsForAnotherWriter() async throws {
        try await Self.withFile { database in
            try await database.query("CREATE TABLE t (id INTEGER PRIMARY KEY)", [])
            let path = try await Self.file(of: database)
            let other = try await SQLiteDatabase.open(path: path, logger: Logger(label: "other"))
            let started = AsyncStream<Void>.makeStream()
            let holder = Task {
                try await other.transaction { tx in
                    try await tx.query("INSERT INTO t (id) VALUES (1)", [])
                    started.continuation.yield()
                    try await Task.sleep(for: .milliseconds(300))
                }
            }
            for await _ in started.stream { break }
            try await database.transaction { tx in try await tx.query("INSERT INTO t (id) VALUES (2)", []) }
            try await holder.value
            await other.shutdown()
            #expect(try await database.query("SELECT id FROM t ORDER BY id", []).compactMap { $0.int("id") } == [1, 2])
        }
    }

    @Test("The write-ahead log is copied back off the writer once it holds 1,000 pages, so it stays short")
    func checkpointsOffTheWriter() async throws {
        try await Self.withFile { database in
            try await database.query("CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB NOT NULL)", [])
            let path = try await Self.file(of: database)
            // 1,500 commits of three pages each: 18 MB of log if nothing copied it back.
            let data = [UInt8](repeating: 7, count: 10_000)
            for id in 0..<1_500 {
                try await database.transaction { tx in
                    try await tx.query("INSERT INTO t (id, data) VALUES (?, ?)", [.int(Int64(id)), .blob(data)])
                }
            }
            let log = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int ?? 0
            #expect(log < 10 << 20, "write-ahead log of \(log) bytes")
            #expect(try await database.first("SELECT COUNT(*) AS n FROM t", [])?.int("n") == 1_500)
        }
    }

    @Test("A statement kept prepared answers with the table's new columns after the table changes")
    func columnsAfterSchemaChange() async throws {
        let database = try await SQLiteDatabase.open(path: nil, logger: Logger(label: "memory"))
        try await database.query("CREATE TABLE t (a INTEGER)", [])
        try await database.query("INSERT INTO t (a) VALUES (1)", [])
        #expect(try await database.first("SELECT * FROM t", [])?.columns == ["a"])
        try await database.query("ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'x'", [])
        let row = try await database.first("SELECT * FROM t", [])
        #expect(row?.columns == ["a", "b"])
        #expect(row?.string("b") == "x")
        await database.shutdown()
    }

    @Test("Foreign keys are enforced, and an in-memory database works the same")
    func foreignKeysInMemory() async throws {
        let database = try await SQLiteDatabase.open(path: nil, logger: Logger(label: "memory"))
        try await database.query("CREATE TABLE p (id INTEGER PRIMARY KEY)", [])
        try await database.query("CREATE TABLE c (id INTEGER PRIMARY KEY, p INTEGER REFERENCES p (id))", [])
        await #expect(throws: (any Error).self) { try await database.query("INSERT INTO c (id, p) VALUES (1, 9)", []) }
        try await database.query("INSERT INTO p (id) VALUES (9)", [])
        try await database.query("INSERT INTO c (id, p) VALUES (1, ?)", [.int(9)])
        let rows = try await database.read([SQLStatement("SELECT p FROM c", []), SQLStatement("SELECT 1 AS one", [])])
        #expect(rows[0].first?.int("p") == 9)
        #expect(rows[1].first?.int("one") == 1)
        await database.shutdown()
    }

    @Test("Several reads in one call see one snapshot while a transaction commits between them")
    func oneSnapshot() async throws {
        try await Self.withFile { database in
            try await database.query("CREATE TABLE n (v INTEGER)", [])
            try await database.query("INSERT INTO n (v) VALUES (0)", [])
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for i in 1...200 {
                        try await database.transaction { tx in
                            try await tx.query("UPDATE n SET v = ?", [.int(Int64(i))])
                        }
                    }
                }
                group.addTask {
                    for _ in 0..<200 {
                        let rows = try await database.read([
                            SQLStatement("SELECT v FROM n", []), SQLStatement("SELECT v FROM n", []),
                        ])
                        #expect(rows[0].first?.int("v") == rows[1].first?.int("v"))
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await database.first("SELECT v FROM n", [])?.int("v") == 200)
        }
    }

    @Test("Text, numbers, blobs and NULL come back as they were bound, a NUL inside text included")
    func values() async throws {
        try await Self.withFile { database in
            let row = try await database.first(
                "SELECT ? AS t, ? AS i, ? AS d, ? AS b, ? AS n, length(CAST(? AS BLOB)) AS l",
                [.text("é\u{0}x"), .int(-7), .double(1.5), .blob([0, 1, 255]), .null, .text("é\u{0}x")])
            #expect(row?["t"] == .text("é\u{0}x"))
            #expect(row?["i"] == .int(-7))
            #expect(row?["d"] == .double(1.5))
            #expect(row?["b"] == .blob([0, 1, 255]))
            #expect(row?["n"] == .null)
            #expect(row?.int("l") == 4)
        }
    }
}
