import Domain
import Foundation

/// A zip file written front to back, for an export that is one CSV file per organisation (D-FEES):
/// each entry is stored as written (the chunks are compressed in the database anyway), its CRC
/// and size following it in a data descriptor, so an entry is written as its rows are read; the
/// central directory closes the file. Readers that read the central directory (Python's zipfile,
/// Info-ZIP, 7-Zip, the Windows and macOS archive tools) read it; sizes are 32-bit (no ZIP64).
struct ZipArchive {
    struct Entry {
        var name: [UInt8]
        var offset: Int
        var crc: UInt32
        var size: Int
    }

    struct TooLarge: Error, CustomStringConvertible {
        var description: String { "the export is larger than a zip file without ZIP64 holds (4 GB)" }
    }

    /// The entries' time: DOS time and date in UK local time.
    let time: UInt16
    let date: UInt16
    var entries: [Entry] = []

    init(modified: Date) {
        let day = UKTime.localDate(of: modified)
        let clock = UKTime.localTime(of: modified)
        time = UInt16(clock.hour << 11 | clock.minute << 5 | clock.second / 2)
        date = UInt16(max(0, day.year - 1980) << 9 | day.month << 5 | day.day)
    }

    /// General purpose flags: sizes in a data descriptor (bit 3), UTF-8 names (bit 11).
    static let flags: UInt16 = 0x0808

    /// The local header of an entry named `name`, its CRC and sizes left to the data descriptor.
    func localHeader(name: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        Self.put32(0x0403_4b50, &bytes)
        Self.put16(20, &bytes)  // version needed: 2.0
        Self.put16(Self.flags, &bytes)
        Self.put16(0, &bytes)  // stored
        Self.put16(time, &bytes)
        Self.put16(date, &bytes)
        Self.put32(0, &bytes)  // CRC, in the data descriptor
        Self.put32(0, &bytes)  // compressed size, idem
        Self.put32(0, &bytes)  // size, idem
        Self.put16(UInt16(name.count), &bytes)
        Self.put16(0, &bytes)  // no extra field
        return bytes + name
    }

    /// What follows an entry's data: its CRC and sizes.
    static func dataDescriptor(crc: UInt32, size: Int) throws -> [UInt8] {
        guard size <= Int(UInt32.max) else { throw TooLarge() }
        var bytes: [UInt8] = []
        put32(0x0807_4b50, &bytes)
        put32(crc, &bytes)
        put32(UInt32(size), &bytes)
        put32(UInt32(size), &bytes)
        return bytes
    }

    /// The central directory of the entries and its end record, written at `offset`.
    func centralDirectory(at offset: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for entry in entries {
            guard entry.offset <= Int(UInt32.max), entry.size <= Int(UInt32.max) else { throw TooLarge() }
            Self.put32(0x0201_4b50, &bytes)
            Self.put16(20, &bytes)  // made by: 2.0, MS-DOS attributes
            Self.put16(20, &bytes)  // needed: 2.0
            Self.put16(Self.flags, &bytes)
            Self.put16(0, &bytes)  // stored
            Self.put16(time, &bytes)
            Self.put16(date, &bytes)
            Self.put32(entry.crc, &bytes)
            Self.put32(UInt32(entry.size), &bytes)
            Self.put32(UInt32(entry.size), &bytes)
            Self.put16(UInt16(entry.name.count), &bytes)
            Self.put16(0, &bytes)  // extra field
            Self.put16(0, &bytes)  // comment
            Self.put16(0, &bytes)  // disk
            Self.put16(0, &bytes)  // internal attributes
            Self.put32(0, &bytes)  // external attributes
            Self.put32(UInt32(entry.offset), &bytes)
            bytes += entry.name
        }
        guard offset <= Int(UInt32.max), bytes.count <= Int(UInt32.max), entries.count <= Int(UInt16.max) else {
            throw TooLarge()
        }
        let size = bytes.count
        Self.put32(0x0605_4b50, &bytes)
        Self.put16(0, &bytes)  // this disk
        Self.put16(0, &bytes)  // the directory's disk
        Self.put16(UInt16(entries.count), &bytes)
        Self.put16(UInt16(entries.count), &bytes)
        Self.put32(UInt32(size), &bytes)
        Self.put32(UInt32(offset), &bytes)
        Self.put16(0, &bytes)  // no comment
        return bytes
    }

    static func put16(_ value: UInt16, _ bytes: inout [UInt8]) {
        bytes.append(UInt8(value & 0xff))
        bytes.append(UInt8(value >> 8))
    }

    static func put32(_ value: UInt32, _ bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((value >> UInt32(shift)) & 0xff)) }
    }
}

/// CRC-32 (IEEE 802.3, as zip and gzip use), updated as bytes arrive.
struct CRC32 {
    private var state: UInt32 = 0xffff_ffff

    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xedb8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        var crc = state
        Self.table.withUnsafeBufferPointer { table in
            for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xff)] ^ (crc >> 8) }
        }
        state = crc
    }

    var value: UInt32 { state ^ 0xffff_ffff }
}
