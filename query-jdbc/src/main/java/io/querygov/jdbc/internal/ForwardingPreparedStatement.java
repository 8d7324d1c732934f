package io.querygov.jdbc.internal;

/**
 * Forwards every call that only {@code java.sql.PreparedStatement} has (the calls it shares with
 * {@code Statement} are {@link DelegatingStatement}'s) to {@link #preparedDelegate()}. An interface of
 * default methods rather than a class, so that a prepared-statement wrapper can extend the plain
 * statement wrapper of the same feature and inherit its Statement-level behaviour, written once:
 * {@code TrackedPreparedStatement extends TrackedStatement implements ForwardingPreparedStatement}.
 * A default method applies only where no class of the wrapper declares the call, which is why
 * nothing here repeats a {@code Statement} call. Written out from the JDBC interface (Java 17)
 * rather than a dynamic proxy, so a call costs one interface dispatch: no argument array, no boxing.
 */
@SuppressWarnings("deprecation")
interface ForwardingPreparedStatement extends java.sql.PreparedStatement {

    /** The driver's statement: the same object as the wrapper's {@code Statement} delegate. */
    java.sql.PreparedStatement preparedDelegate();

    @Override
    default void addBatch() throws java.sql.SQLException {
        preparedDelegate().addBatch();
    }

    @Override
    default void clearParameters() throws java.sql.SQLException {
        preparedDelegate().clearParameters();
    }

    @Override
    default boolean execute() throws java.sql.SQLException {
        return preparedDelegate().execute();
    }

    @Override
    default long executeLargeUpdate() throws java.sql.SQLException {
        return preparedDelegate().executeLargeUpdate();
    }

    @Override
    default java.sql.ResultSet executeQuery() throws java.sql.SQLException {
        return preparedDelegate().executeQuery();
    }

    @Override
    default int executeUpdate() throws java.sql.SQLException {
        return preparedDelegate().executeUpdate();
    }

    @Override
    default java.sql.ResultSetMetaData getMetaData() throws java.sql.SQLException {
        return preparedDelegate().getMetaData();
    }

    @Override
    default java.sql.ParameterMetaData getParameterMetaData() throws java.sql.SQLException {
        return preparedDelegate().getParameterMetaData();
    }

    @Override
    default void setArray(int a0, java.sql.Array a1) throws java.sql.SQLException {
        preparedDelegate().setArray(a0, a1);
    }

    @Override
    default void setAsciiStream(int a0, java.io.InputStream a1, int a2) throws java.sql.SQLException {
        preparedDelegate().setAsciiStream(a0, a1, a2);
    }

    @Override
    default void setAsciiStream(int a0, java.io.InputStream a1, long a2) throws java.sql.SQLException {
        preparedDelegate().setAsciiStream(a0, a1, a2);
    }

    @Override
    default void setAsciiStream(int a0, java.io.InputStream a1) throws java.sql.SQLException {
        preparedDelegate().setAsciiStream(a0, a1);
    }

    @Override
    default void setBigDecimal(int a0, java.math.BigDecimal a1) throws java.sql.SQLException {
        preparedDelegate().setBigDecimal(a0, a1);
    }

    @Override
    default void setBinaryStream(int a0, java.io.InputStream a1, int a2) throws java.sql.SQLException {
        preparedDelegate().setBinaryStream(a0, a1, a2);
    }

    @Override
    default void setBinaryStream(int a0, java.io.InputStream a1, long a2) throws java.sql.SQLException {
        preparedDelegate().setBinaryStream(a0, a1, a2);
    }

    @Override
    default void setBinaryStream(int a0, java.io.InputStream a1) throws java.sql.SQLException {
        preparedDelegate().setBinaryStream(a0, a1);
    }

    @Override
    default void setBlob(int a0, java.io.InputStream a1, long a2) throws java.sql.SQLException {
        preparedDelegate().setBlob(a0, a1, a2);
    }

    @Override
    default void setBlob(int a0, java.io.InputStream a1) throws java.sql.SQLException {
        preparedDelegate().setBlob(a0, a1);
    }

    @Override
    default void setBlob(int a0, java.sql.Blob a1) throws java.sql.SQLException {
        preparedDelegate().setBlob(a0, a1);
    }

    @Override
    default void setBoolean(int a0, boolean a1) throws java.sql.SQLException {
        preparedDelegate().setBoolean(a0, a1);
    }

    @Override
    default void setByte(int a0, byte a1) throws java.sql.SQLException {
        preparedDelegate().setByte(a0, a1);
    }

    @Override
    default void setBytes(int a0, byte[] a1) throws java.sql.SQLException {
        preparedDelegate().setBytes(a0, a1);
    }

    @Override
    default void setCharacterStream(int a0, java.io.Reader a1, int a2) throws java.sql.SQLException {
        preparedDelegate().setCharacterStream(a0, a1, a2);
    }

    @Override
    default void setCharacterStream(int a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        preparedDelegate().setCharacterStream(a0, a1, a2);
    }

    @Override
    default void setCharacterStream(int a0, java.io.Reader a1) throws java.sql.SQLException {
        preparedDelegate().setCharacterStream(a0, a1);
    }

    @Override
    default void setClob(int a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        preparedDelegate().setClob(a0, a1, a2);
    }

    @Override
    default void setClob(int a0, java.io.Reader a1) throws java.sql.SQLException {
        preparedDelegate().setClob(a0, a1);
    }

    @Override
    default void setClob(int a0, java.sql.Clob a1) throws java.sql.SQLException {
        preparedDelegate().setClob(a0, a1);
    }

    @Override
    default void setDate(int a0, java.sql.Date a1, java.util.Calendar a2) throws java.sql.SQLException {
        preparedDelegate().setDate(a0, a1, a2);
    }

    @Override
    default void setDate(int a0, java.sql.Date a1) throws java.sql.SQLException {
        preparedDelegate().setDate(a0, a1);
    }

    @Override
    default void setDouble(int a0, double a1) throws java.sql.SQLException {
        preparedDelegate().setDouble(a0, a1);
    }

    @Override
    default void setFloat(int a0, float a1) throws java.sql.SQLException {
        preparedDelegate().setFloat(a0, a1);
    }

    @Override
    default void setInt(int a0, int a1) throws java.sql.SQLException {
        preparedDelegate().setInt(a0, a1);
    }

    @Override
    default void setLong(int a0, long a1) throws java.sql.SQLException {
        preparedDelegate().setLong(a0, a1);
    }

    @Override
    default void setNCharacterStream(int a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        preparedDelegate().setNCharacterStream(a0, a1, a2);
    }

    @Override
    default void setNCharacterStream(int a0, java.io.Reader a1) throws java.sql.SQLException {
        preparedDelegate().setNCharacterStream(a0, a1);
    }

    @Override
    default void setNClob(int a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        preparedDelegate().setNClob(a0, a1, a2);
    }

    @Override
    default void setNClob(int a0, java.io.Reader a1) throws java.sql.SQLException {
        preparedDelegate().setNClob(a0, a1);
    }

    @Override
    default void setNClob(int a0, java.sql.NClob a1) throws java.sql.SQLException {
        preparedDelegate().setNClob(a0, a1);
    }

    @Override
    default void setNString(int a0, java.lang.String a1) throws java.sql.SQLException {
        preparedDelegate().setNString(a0, a1);
    }

    @Override
    default void setNull(int a0, int a1, java.lang.String a2) throws java.sql.SQLException {
        preparedDelegate().setNull(a0, a1, a2);
    }

    @Override
    default void setNull(int a0, int a1) throws java.sql.SQLException {
        preparedDelegate().setNull(a0, a1);
    }

    @Override
    default void setObject(int a0, java.lang.Object a1, int a2, int a3) throws java.sql.SQLException {
        preparedDelegate().setObject(a0, a1, a2, a3);
    }

    @Override
    default void setObject(int a0, java.lang.Object a1, int a2) throws java.sql.SQLException {
        preparedDelegate().setObject(a0, a1, a2);
    }

    @Override
    default void setObject(int a0, java.lang.Object a1, java.sql.SQLType a2, int a3) throws java.sql.SQLException {
        preparedDelegate().setObject(a0, a1, a2, a3);
    }

    @Override
    default void setObject(int a0, java.lang.Object a1, java.sql.SQLType a2) throws java.sql.SQLException {
        preparedDelegate().setObject(a0, a1, a2);
    }

    @Override
    default void setObject(int a0, java.lang.Object a1) throws java.sql.SQLException {
        preparedDelegate().setObject(a0, a1);
    }

    @Override
    default void setRef(int a0, java.sql.Ref a1) throws java.sql.SQLException {
        preparedDelegate().setRef(a0, a1);
    }

    @Override
    default void setRowId(int a0, java.sql.RowId a1) throws java.sql.SQLException {
        preparedDelegate().setRowId(a0, a1);
    }

    @Override
    default void setSQLXML(int a0, java.sql.SQLXML a1) throws java.sql.SQLException {
        preparedDelegate().setSQLXML(a0, a1);
    }

    @Override
    default void setShort(int a0, short a1) throws java.sql.SQLException {
        preparedDelegate().setShort(a0, a1);
    }

    @Override
    default void setString(int a0, java.lang.String a1) throws java.sql.SQLException {
        preparedDelegate().setString(a0, a1);
    }

    @Override
    default void setTime(int a0, java.sql.Time a1, java.util.Calendar a2) throws java.sql.SQLException {
        preparedDelegate().setTime(a0, a1, a2);
    }

    @Override
    default void setTime(int a0, java.sql.Time a1) throws java.sql.SQLException {
        preparedDelegate().setTime(a0, a1);
    }

    @Override
    default void setTimestamp(int a0, java.sql.Timestamp a1, java.util.Calendar a2) throws java.sql.SQLException {
        preparedDelegate().setTimestamp(a0, a1, a2);
    }

    @Override
    default void setTimestamp(int a0, java.sql.Timestamp a1) throws java.sql.SQLException {
        preparedDelegate().setTimestamp(a0, a1);
    }

    @Override
    default void setURL(int a0, java.net.URL a1) throws java.sql.SQLException {
        preparedDelegate().setURL(a0, a1);
    }

    @Override
    default void setUnicodeStream(int a0, java.io.InputStream a1, int a2) throws java.sql.SQLException {
        preparedDelegate().setUnicodeStream(a0, a1, a2);
    }
}
