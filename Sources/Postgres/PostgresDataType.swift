/// A PostgreSQL type OID, as found in `pg_type.oid` and sent with each bind (`PQexecParams`'s
/// `paramTypes`) or reported per result column (`PQftype`).
///
/// Only built-in types have fixed OIDs; those the module encodes or decodes are named here.
public struct PostgresDataType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The OID.
    public let rawValue: UInt32

    /// Wraps an OID.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// The OID in decimal; the module does not keep a name table.
    public var description: String {
        "oid \(rawValue)"
    }

    /// OID 0: let the server infer the parameter's type from its context.
    public static let unspecified = PostgresDataType(rawValue: 0)
    /// `bool`.
    public static let bool = PostgresDataType(rawValue: 16)
    /// `bytea`.
    public static let bytea = PostgresDataType(rawValue: 17)
    /// `name` (identifiers in the catalogues).
    public static let name = PostgresDataType(rawValue: 19)
    /// `int8` / `bigint`.
    public static let int8 = PostgresDataType(rawValue: 20)
    /// `int2` / `smallint`.
    public static let int2 = PostgresDataType(rawValue: 21)
    /// `int4` / `integer`.
    public static let int4 = PostgresDataType(rawValue: 23)
    /// `text`.
    public static let text = PostgresDataType(rawValue: 25)
    /// `oid`.
    public static let oid = PostgresDataType(rawValue: 26)
    /// `json`.
    public static let json = PostgresDataType(rawValue: 114)
    /// `float4` / `real`.
    public static let float4 = PostgresDataType(rawValue: 700)
    /// `float8` / `double precision`.
    public static let float8 = PostgresDataType(rawValue: 701)
    /// `unknown` (an untyped literal in a select list).
    public static let unknown = PostgresDataType(rawValue: 705)
    /// `bpchar` / `char(n)`.
    public static let bpchar = PostgresDataType(rawValue: 1042)
    /// `varchar`.
    public static let varchar = PostgresDataType(rawValue: 1043)
    /// `date`.
    public static let date = PostgresDataType(rawValue: 1082)
    /// `timestamp` (without time zone).
    public static let timestamp = PostgresDataType(rawValue: 1114)
    /// `timestamptz`.
    public static let timestamptz = PostgresDataType(rawValue: 1184)
    /// `numeric`.
    public static let numeric = PostgresDataType(rawValue: 1700)
    /// `uuid`.
    public static let uuid = PostgresDataType(rawValue: 2950)
    /// `jsonb`.
    public static let jsonb = PostgresDataType(rawValue: 3802)
}
