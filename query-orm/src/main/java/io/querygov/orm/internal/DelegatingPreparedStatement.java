package io.querygov.orm.internal;

/**
 * Forwards every call to the wrapped {@code java.sql.PreparedStatement}, the calls it shares with
 * {@code Statement} through {@link DelegatingStatement}: the base of the tracking
 * wrappers, which override only what they observe. Written out from the JDBC interface (Java 17)
 * rather than a dynamic proxy, so a call costs one virtual dispatch: no argument array, no boxing.
 */
@SuppressWarnings("deprecation")
abstract class DelegatingPreparedStatement extends DelegatingStatement implements java.sql.PreparedStatement {
    /** The same object as {@link DelegatingStatement#delegate}, typed for the calls only a prepared statement has. */
    final java.sql.PreparedStatement delegate;

    DelegatingPreparedStatement(java.sql.PreparedStatement delegate) {
        super(delegate);
        this.delegate = delegate;
    }

    @Override
    public void addBatch() throws java.sql.SQLException {
        delegate.addBatch();
    }

    @Override
    public void clearParameters() throws java.sql.SQLException {
        delegate.clearParameters();
    }

    @Override
    public boolean execute() throws java.sql.SQLException {
        return delegate.execute();
    }

    @Override
    public long executeLargeUpdate() throws java.sql.SQLException {
        return delegate.executeLargeUpdate();
    }

    @Override
    public java.sql.ResultSet executeQuery() throws java.sql.SQLException {
        return delegate.executeQuery();
    }

    @Override
    public int executeUpdate() throws java.sql.SQLException {
        return delegate.executeUpdate();
    }

    @Override
    public java.sql.ResultSetMetaData getMetaData() throws java.sql.SQLException {
        return delegate.getMetaData();
    }

    @Override
    public java.sql.ParameterMetaData getParameterMetaData() throws java.sql.SQLException {
        return delegate.getParameterMetaData();
    }

    @Override
    public void setArray(int a0, java.sql.Array a1) throws java.sql.SQLException {
        delegate.setArray(a0, a1);
    }

    @Override
    public void setAsciiStream(int a0, java.io.InputStream a1, int a2) throws java.sql.SQLException {
        delegate.setAsciiStream(a0, a1, a2);
    }

    @Override
    public void setAsciiStream(int a0, java.io.InputStream a1, long a2) throws java.sql.SQLException {
        delegate.setAsciiStream(a0, a1, a2);
    }

    @Override
    public void setAsciiStream(int a0, java.io.InputStream a1) throws java.sql.SQLException {
        delegate.setAsciiStream(a0, a1);
    }

    @Override
    public void setBigDecimal(int a0, java.math.BigDecimal a1) throws java.sql.SQLException {
        delegate.setBigDecimal(a0, a1);
    }

    @Override
    public void setBinaryStream(int a0, java.io.InputStream a1, int a2) throws java.sql.SQLException {
        delegate.setBinaryStream(a0, a1, a2);
    }

    @Override
    public void setBinaryStream(int a0, java.io.InputStream a1, long a2) throws java.sql.SQLException {
        delegate.setBinaryStream(a0, a1, a2);
    }

    @Override
    public void setBinaryStream(int a0, java.io.InputStream a1) throws java.sql.SQLException {
        delegate.setBinaryStream(a0, a1);
    }

    @Override
    public void setBlob(int a0, java.io.InputStream a1, long a2) throws java.sql.SQLException {
        delegate.setBlob(a0, a1, a2);
    }

    @Override
    public void setBlob(int a0, java.io.InputStream a1) throws java.sql.SQLException {
        delegate.setBlob(a0, a1);
    }

    @Override
    public void setBlob(int a0, java.sql.Blob a1) throws java.sql.SQLException {
        delegate.setBlob(a0, a1);
    }

    @Override
    public void setBoolean(int a0, boolean a1) throws java.sql.SQLException {
        delegate.setBoolean(a0, a1);
    }

    @Override
    public void setByte(int a0, byte a1) throws java.sql.SQLException {
        delegate.setByte(a0, a1);
    }

    @Override
    public void setBytes(int a0, byte[] a1) throws java.sql.SQLException {
        delegate.setBytes(a0, a1);
    }

    @Override
    public void setCharacterStream(int a0, java.io.Reader a1, int a2) throws java.sql.SQLException {
        delegate.setCharacterStream(a0, a1, a2);
    }

    @Override
    public void setCharacterStream(int a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        delegate.setCharacterStream(a0, a1, a2);
    }

    @Override
    public void setCharacterStream(int a0, java.io.Reader a1) throws java.sql.SQLException {
        delegate.setCharacterStream(a0, a1);
    }

    @Override
    public void setClob(int a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        delegate.setClob(a0, a1, a2);
    }

    @Override
    public void setClob(int a0, java.io.Reader a1) throws java.sql.SQLException {
        delegate.setClob(a0, a1);
    }

    @Override
    public void setClob(int a0, java.sql.Clob a1) throws java.sql.SQLException {
        delegate.setClob(a0, a1);
    }

    @Override
    public void setDate(int a0, java.sql.Date a1, java.util.Calendar a2) throws java.sql.SQLException {
        delegate.setDate(a0, a1, a2);
    }

    @Override
    public void setDate(int a0, java.sql.Date a1) throws java.sql.SQLException {
        delegate.setDate(a0, a1);
    }

    @Override
    public void setDouble(int a0, double a1) throws java.sql.SQLException {
        delegate.setDouble(a0, a1);
    }

    @Override
    public void setFloat(int a0, float a1) throws java.sql.SQLException {
        delegate.setFloat(a0, a1);
    }

    @Override
    public void setInt(int a0, int a1) throws java.sql.SQLException {
        delegate.setInt(a0, a1);
    }

    @Override
    public void setLong(int a0, long a1) throws java.sql.SQLException {
        delegate.setLong(a0, a1);
    }

    @Override
    public void setNCharacterStream(int a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        delegate.setNCharacterStream(a0, a1, a2);
    }

    @Override
    public void setNCharacterStream(int a0, java.io.Reader a1) throws java.sql.SQLException {
        delegate.setNCharacterStream(a0, a1);
    }

    @Override
    public void setNClob(int a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        delegate.setNClob(a0, a1, a2);
    }

    @Override
    public void setNClob(int a0, java.io.Reader a1) throws java.sql.SQLException {
        delegate.setNClob(a0, a1);
    }

    @Override
    public void setNClob(int a0, java.sql.NClob a1) throws java.sql.SQLException {
        delegate.setNClob(a0, a1);
    }

    @Override
    public void setNString(int a0, java.lang.String a1) throws java.sql.SQLException {
        delegate.setNString(a0, a1);
    }

    @Override
    public void setNull(int a0, int a1, java.lang.String a2) throws java.sql.SQLException {
        delegate.setNull(a0, a1, a2);
    }

    @Override
    public void setNull(int a0, int a1) throws java.sql.SQLException {
        delegate.setNull(a0, a1);
    }

    @Override
    public void setObject(int a0, java.lang.Object a1, int a2, int a3) throws java.sql.SQLException {
        delegate.setObject(a0, a1, a2, a3);
    }

    @Override
    public void setObject(int a0, java.lang.Object a1, int a2) throws java.sql.SQLException {
        delegate.setObject(a0, a1, a2);
    }

    @Override
    public void setObject(int a0, java.lang.Object a1, java.sql.SQLType a2, int a3) throws java.sql.SQLException {
        delegate.setObject(a0, a1, a2, a3);
    }

    @Override
    public void setObject(int a0, java.lang.Object a1, java.sql.SQLType a2) throws java.sql.SQLException {
        delegate.setObject(a0, a1, a2);
    }

    @Override
    public void setObject(int a0, java.lang.Object a1) throws java.sql.SQLException {
        delegate.setObject(a0, a1);
    }

    @Override
    public void setRef(int a0, java.sql.Ref a1) throws java.sql.SQLException {
        delegate.setRef(a0, a1);
    }

    @Override
    public void setRowId(int a0, java.sql.RowId a1) throws java.sql.SQLException {
        delegate.setRowId(a0, a1);
    }

    @Override
    public void setSQLXML(int a0, java.sql.SQLXML a1) throws java.sql.SQLException {
        delegate.setSQLXML(a0, a1);
    }

    @Override
    public void setShort(int a0, short a1) throws java.sql.SQLException {
        delegate.setShort(a0, a1);
    }

    @Override
    public void setString(int a0, java.lang.String a1) throws java.sql.SQLException {
        delegate.setString(a0, a1);
    }

    @Override
    public void setTime(int a0, java.sql.Time a1, java.util.Calendar a2) throws java.sql.SQLException {
        delegate.setTime(a0, a1, a2);
    }

    @Override
    public void setTime(int a0, java.sql.Time a1) throws java.sql.SQLException {
        delegate.setTime(a0, a1);
    }

    @Override
    public void setTimestamp(int a0, java.sql.Timestamp a1, java.util.Calendar a2) throws java.sql.SQLException {
        delegate.setTimestamp(a0, a1, a2);
    }

    @Override
    public void setTimestamp(int a0, java.sql.Timestamp a1) throws java.sql.SQLException {
        delegate.setTimestamp(a0, a1);
    }

    @Override
    public void setURL(int a0, java.net.URL a1) throws java.sql.SQLException {
        delegate.setURL(a0, a1);
    }

    @Override
    public void setUnicodeStream(int a0, java.io.InputStream a1, int a2) throws java.sql.SQLException {
        delegate.setUnicodeStream(a0, a1, a2);
    }

}
