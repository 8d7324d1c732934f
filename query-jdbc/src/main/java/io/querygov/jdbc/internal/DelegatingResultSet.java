package io.querygov.jdbc.internal;

/**
 * Forwards every call to the wrapped {@code java.sql.ResultSet}: the base of the tracking and
 * guarding wrappers, which override only what they observe or change. Written out from the JDBC
 * interface (Java 17) rather than a dynamic proxy, so a call costs one virtual dispatch: no
 * argument array, no boxing.
 */
@SuppressWarnings("deprecation")
abstract class DelegatingResultSet implements java.sql.ResultSet {
    final java.sql.ResultSet delegate;

    DelegatingResultSet(java.sql.ResultSet delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean absolute(int a0) throws java.sql.SQLException {
        return delegate.absolute(a0);
    }

    @Override
    public void afterLast() throws java.sql.SQLException {
        delegate.afterLast();
    }

    @Override
    public void beforeFirst() throws java.sql.SQLException {
        delegate.beforeFirst();
    }

    @Override
    public void cancelRowUpdates() throws java.sql.SQLException {
        delegate.cancelRowUpdates();
    }

    @Override
    public void clearWarnings() throws java.sql.SQLException {
        delegate.clearWarnings();
    }

    @Override
    public void close() throws java.sql.SQLException {
        delegate.close();
    }

    @Override
    public void deleteRow() throws java.sql.SQLException {
        delegate.deleteRow();
    }

    @Override
    public int findColumn(java.lang.String a0) throws java.sql.SQLException {
        return delegate.findColumn(a0);
    }

    @Override
    public boolean first() throws java.sql.SQLException {
        return delegate.first();
    }

    @Override
    public java.sql.Array getArray(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getArray(a0);
    }

    @Override
    public java.sql.Array getArray(int a0) throws java.sql.SQLException {
        return delegate.getArray(a0);
    }

    @Override
    public java.io.InputStream getAsciiStream(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getAsciiStream(a0);
    }

    @Override
    public java.io.InputStream getAsciiStream(int a0) throws java.sql.SQLException {
        return delegate.getAsciiStream(a0);
    }

    @Override
    public java.math.BigDecimal getBigDecimal(java.lang.String a0, int a1) throws java.sql.SQLException {
        return delegate.getBigDecimal(a0, a1);
    }

    @Override
    public java.math.BigDecimal getBigDecimal(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getBigDecimal(a0);
    }

    @Override
    public java.math.BigDecimal getBigDecimal(int a0, int a1) throws java.sql.SQLException {
        return delegate.getBigDecimal(a0, a1);
    }

    @Override
    public java.math.BigDecimal getBigDecimal(int a0) throws java.sql.SQLException {
        return delegate.getBigDecimal(a0);
    }

    @Override
    public java.io.InputStream getBinaryStream(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getBinaryStream(a0);
    }

    @Override
    public java.io.InputStream getBinaryStream(int a0) throws java.sql.SQLException {
        return delegate.getBinaryStream(a0);
    }

    @Override
    public java.sql.Blob getBlob(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getBlob(a0);
    }

    @Override
    public java.sql.Blob getBlob(int a0) throws java.sql.SQLException {
        return delegate.getBlob(a0);
    }

    @Override
    public boolean getBoolean(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getBoolean(a0);
    }

    @Override
    public boolean getBoolean(int a0) throws java.sql.SQLException {
        return delegate.getBoolean(a0);
    }

    @Override
    public byte getByte(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getByte(a0);
    }

    @Override
    public byte getByte(int a0) throws java.sql.SQLException {
        return delegate.getByte(a0);
    }

    @Override
    public byte[] getBytes(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getBytes(a0);
    }

    @Override
    public byte[] getBytes(int a0) throws java.sql.SQLException {
        return delegate.getBytes(a0);
    }

    @Override
    public java.io.Reader getCharacterStream(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getCharacterStream(a0);
    }

    @Override
    public java.io.Reader getCharacterStream(int a0) throws java.sql.SQLException {
        return delegate.getCharacterStream(a0);
    }

    @Override
    public java.sql.Clob getClob(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getClob(a0);
    }

    @Override
    public java.sql.Clob getClob(int a0) throws java.sql.SQLException {
        return delegate.getClob(a0);
    }

    @Override
    public int getConcurrency() throws java.sql.SQLException {
        return delegate.getConcurrency();
    }

    @Override
    public java.lang.String getCursorName() throws java.sql.SQLException {
        return delegate.getCursorName();
    }

    @Override
    public java.sql.Date getDate(java.lang.String a0, java.util.Calendar a1) throws java.sql.SQLException {
        return delegate.getDate(a0, a1);
    }

    @Override
    public java.sql.Date getDate(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getDate(a0);
    }

    @Override
    public java.sql.Date getDate(int a0, java.util.Calendar a1) throws java.sql.SQLException {
        return delegate.getDate(a0, a1);
    }

    @Override
    public java.sql.Date getDate(int a0) throws java.sql.SQLException {
        return delegate.getDate(a0);
    }

    @Override
    public double getDouble(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getDouble(a0);
    }

    @Override
    public double getDouble(int a0) throws java.sql.SQLException {
        return delegate.getDouble(a0);
    }

    @Override
    public int getFetchDirection() throws java.sql.SQLException {
        return delegate.getFetchDirection();
    }

    @Override
    public int getFetchSize() throws java.sql.SQLException {
        return delegate.getFetchSize();
    }

    @Override
    public float getFloat(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getFloat(a0);
    }

    @Override
    public float getFloat(int a0) throws java.sql.SQLException {
        return delegate.getFloat(a0);
    }

    @Override
    public int getHoldability() throws java.sql.SQLException {
        return delegate.getHoldability();
    }

    @Override
    public int getInt(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getInt(a0);
    }

    @Override
    public int getInt(int a0) throws java.sql.SQLException {
        return delegate.getInt(a0);
    }

    @Override
    public long getLong(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getLong(a0);
    }

    @Override
    public long getLong(int a0) throws java.sql.SQLException {
        return delegate.getLong(a0);
    }

    @Override
    public java.sql.ResultSetMetaData getMetaData() throws java.sql.SQLException {
        return delegate.getMetaData();
    }

    @Override
    public java.io.Reader getNCharacterStream(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getNCharacterStream(a0);
    }

    @Override
    public java.io.Reader getNCharacterStream(int a0) throws java.sql.SQLException {
        return delegate.getNCharacterStream(a0);
    }

    @Override
    public java.sql.NClob getNClob(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getNClob(a0);
    }

    @Override
    public java.sql.NClob getNClob(int a0) throws java.sql.SQLException {
        return delegate.getNClob(a0);
    }

    @Override
    public java.lang.String getNString(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getNString(a0);
    }

    @Override
    public java.lang.String getNString(int a0) throws java.sql.SQLException {
        return delegate.getNString(a0);
    }

    @Override
    public <T> T getObject(java.lang.String a0, java.lang.Class<T> a1) throws java.sql.SQLException {
        return delegate.getObject(a0, a1);
    }

    @Override
    public java.lang.Object getObject(java.lang.String a0, java.util.Map<java.lang.String, java.lang.Class<?>> a1) throws java.sql.SQLException {
        return delegate.getObject(a0, a1);
    }

    @Override
    public java.lang.Object getObject(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getObject(a0);
    }

    @Override
    public <T> T getObject(int a0, java.lang.Class<T> a1) throws java.sql.SQLException {
        return delegate.getObject(a0, a1);
    }

    @Override
    public java.lang.Object getObject(int a0, java.util.Map<java.lang.String, java.lang.Class<?>> a1) throws java.sql.SQLException {
        return delegate.getObject(a0, a1);
    }

    @Override
    public java.lang.Object getObject(int a0) throws java.sql.SQLException {
        return delegate.getObject(a0);
    }

    @Override
    public java.sql.Ref getRef(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getRef(a0);
    }

    @Override
    public java.sql.Ref getRef(int a0) throws java.sql.SQLException {
        return delegate.getRef(a0);
    }

    @Override
    public int getRow() throws java.sql.SQLException {
        return delegate.getRow();
    }

    @Override
    public java.sql.RowId getRowId(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getRowId(a0);
    }

    @Override
    public java.sql.RowId getRowId(int a0) throws java.sql.SQLException {
        return delegate.getRowId(a0);
    }

    @Override
    public java.sql.SQLXML getSQLXML(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getSQLXML(a0);
    }

    @Override
    public java.sql.SQLXML getSQLXML(int a0) throws java.sql.SQLException {
        return delegate.getSQLXML(a0);
    }

    @Override
    public short getShort(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getShort(a0);
    }

    @Override
    public short getShort(int a0) throws java.sql.SQLException {
        return delegate.getShort(a0);
    }

    @Override
    public java.sql.Statement getStatement() throws java.sql.SQLException {
        return delegate.getStatement();
    }

    @Override
    public java.lang.String getString(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getString(a0);
    }

    @Override
    public java.lang.String getString(int a0) throws java.sql.SQLException {
        return delegate.getString(a0);
    }

    @Override
    public java.sql.Time getTime(java.lang.String a0, java.util.Calendar a1) throws java.sql.SQLException {
        return delegate.getTime(a0, a1);
    }

    @Override
    public java.sql.Time getTime(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getTime(a0);
    }

    @Override
    public java.sql.Time getTime(int a0, java.util.Calendar a1) throws java.sql.SQLException {
        return delegate.getTime(a0, a1);
    }

    @Override
    public java.sql.Time getTime(int a0) throws java.sql.SQLException {
        return delegate.getTime(a0);
    }

    @Override
    public java.sql.Timestamp getTimestamp(java.lang.String a0, java.util.Calendar a1) throws java.sql.SQLException {
        return delegate.getTimestamp(a0, a1);
    }

    @Override
    public java.sql.Timestamp getTimestamp(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getTimestamp(a0);
    }

    @Override
    public java.sql.Timestamp getTimestamp(int a0, java.util.Calendar a1) throws java.sql.SQLException {
        return delegate.getTimestamp(a0, a1);
    }

    @Override
    public java.sql.Timestamp getTimestamp(int a0) throws java.sql.SQLException {
        return delegate.getTimestamp(a0);
    }

    @Override
    public int getType() throws java.sql.SQLException {
        return delegate.getType();
    }

    @Override
    public java.net.URL getURL(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getURL(a0);
    }

    @Override
    public java.net.URL getURL(int a0) throws java.sql.SQLException {
        return delegate.getURL(a0);
    }

    @Override
    public java.io.InputStream getUnicodeStream(java.lang.String a0) throws java.sql.SQLException {
        return delegate.getUnicodeStream(a0);
    }

    @Override
    public java.io.InputStream getUnicodeStream(int a0) throws java.sql.SQLException {
        return delegate.getUnicodeStream(a0);
    }

    @Override
    public java.sql.SQLWarning getWarnings() throws java.sql.SQLException {
        return delegate.getWarnings();
    }

    @Override
    public void insertRow() throws java.sql.SQLException {
        delegate.insertRow();
    }

    @Override
    public boolean isAfterLast() throws java.sql.SQLException {
        return delegate.isAfterLast();
    }

    @Override
    public boolean isBeforeFirst() throws java.sql.SQLException {
        return delegate.isBeforeFirst();
    }

    @Override
    public boolean isClosed() throws java.sql.SQLException {
        return delegate.isClosed();
    }

    @Override
    public boolean isFirst() throws java.sql.SQLException {
        return delegate.isFirst();
    }

    @Override
    public boolean isLast() throws java.sql.SQLException {
        return delegate.isLast();
    }

    @Override
    public boolean isWrapperFor(java.lang.Class<?> a0) throws java.sql.SQLException {
        return delegate.isWrapperFor(a0);
    }

    @Override
    public boolean last() throws java.sql.SQLException {
        return delegate.last();
    }

    @Override
    public void moveToCurrentRow() throws java.sql.SQLException {
        delegate.moveToCurrentRow();
    }

    @Override
    public void moveToInsertRow() throws java.sql.SQLException {
        delegate.moveToInsertRow();
    }

    @Override
    public boolean next() throws java.sql.SQLException {
        return delegate.next();
    }

    @Override
    public boolean previous() throws java.sql.SQLException {
        return delegate.previous();
    }

    @Override
    public void refreshRow() throws java.sql.SQLException {
        delegate.refreshRow();
    }

    @Override
    public boolean relative(int a0) throws java.sql.SQLException {
        return delegate.relative(a0);
    }

    @Override
    public boolean rowDeleted() throws java.sql.SQLException {
        return delegate.rowDeleted();
    }

    @Override
    public boolean rowInserted() throws java.sql.SQLException {
        return delegate.rowInserted();
    }

    @Override
    public boolean rowUpdated() throws java.sql.SQLException {
        return delegate.rowUpdated();
    }

    @Override
    public void setFetchDirection(int a0) throws java.sql.SQLException {
        delegate.setFetchDirection(a0);
    }

    @Override
    public void setFetchSize(int a0) throws java.sql.SQLException {
        delegate.setFetchSize(a0);
    }

    @Override
    public <T> T unwrap(java.lang.Class<T> a0) throws java.sql.SQLException {
        return delegate.unwrap(a0);
    }

    @Override
    public void updateArray(java.lang.String a0, java.sql.Array a1) throws java.sql.SQLException {
        delegate.updateArray(a0, a1);
    }

    @Override
    public void updateArray(int a0, java.sql.Array a1) throws java.sql.SQLException {
        delegate.updateArray(a0, a1);
    }

    @Override
    public void updateAsciiStream(java.lang.String a0, java.io.InputStream a1, int a2) throws java.sql.SQLException {
        delegate.updateAsciiStream(a0, a1, a2);
    }

    @Override
    public void updateAsciiStream(java.lang.String a0, java.io.InputStream a1, long a2) throws java.sql.SQLException {
        delegate.updateAsciiStream(a0, a1, a2);
    }

    @Override
    public void updateAsciiStream(java.lang.String a0, java.io.InputStream a1) throws java.sql.SQLException {
        delegate.updateAsciiStream(a0, a1);
    }

    @Override
    public void updateAsciiStream(int a0, java.io.InputStream a1, int a2) throws java.sql.SQLException {
        delegate.updateAsciiStream(a0, a1, a2);
    }

    @Override
    public void updateAsciiStream(int a0, java.io.InputStream a1, long a2) throws java.sql.SQLException {
        delegate.updateAsciiStream(a0, a1, a2);
    }

    @Override
    public void updateAsciiStream(int a0, java.io.InputStream a1) throws java.sql.SQLException {
        delegate.updateAsciiStream(a0, a1);
    }

    @Override
    public void updateBigDecimal(java.lang.String a0, java.math.BigDecimal a1) throws java.sql.SQLException {
        delegate.updateBigDecimal(a0, a1);
    }

    @Override
    public void updateBigDecimal(int a0, java.math.BigDecimal a1) throws java.sql.SQLException {
        delegate.updateBigDecimal(a0, a1);
    }

    @Override
    public void updateBinaryStream(java.lang.String a0, java.io.InputStream a1, int a2) throws java.sql.SQLException {
        delegate.updateBinaryStream(a0, a1, a2);
    }

    @Override
    public void updateBinaryStream(java.lang.String a0, java.io.InputStream a1, long a2) throws java.sql.SQLException {
        delegate.updateBinaryStream(a0, a1, a2);
    }

    @Override
    public void updateBinaryStream(java.lang.String a0, java.io.InputStream a1) throws java.sql.SQLException {
        delegate.updateBinaryStream(a0, a1);
    }

    @Override
    public void updateBinaryStream(int a0, java.io.InputStream a1, int a2) throws java.sql.SQLException {
        delegate.updateBinaryStream(a0, a1, a2);
    }

    @Override
    public void updateBinaryStream(int a0, java.io.InputStream a1, long a2) throws java.sql.SQLException {
        delegate.updateBinaryStream(a0, a1, a2);
    }

    @Override
    public void updateBinaryStream(int a0, java.io.InputStream a1) throws java.sql.SQLException {
        delegate.updateBinaryStream(a0, a1);
    }

    @Override
    public void updateBlob(java.lang.String a0, java.io.InputStream a1, long a2) throws java.sql.SQLException {
        delegate.updateBlob(a0, a1, a2);
    }

    @Override
    public void updateBlob(java.lang.String a0, java.io.InputStream a1) throws java.sql.SQLException {
        delegate.updateBlob(a0, a1);
    }

    @Override
    public void updateBlob(java.lang.String a0, java.sql.Blob a1) throws java.sql.SQLException {
        delegate.updateBlob(a0, a1);
    }

    @Override
    public void updateBlob(int a0, java.io.InputStream a1, long a2) throws java.sql.SQLException {
        delegate.updateBlob(a0, a1, a2);
    }

    @Override
    public void updateBlob(int a0, java.io.InputStream a1) throws java.sql.SQLException {
        delegate.updateBlob(a0, a1);
    }

    @Override
    public void updateBlob(int a0, java.sql.Blob a1) throws java.sql.SQLException {
        delegate.updateBlob(a0, a1);
    }

    @Override
    public void updateBoolean(java.lang.String a0, boolean a1) throws java.sql.SQLException {
        delegate.updateBoolean(a0, a1);
    }

    @Override
    public void updateBoolean(int a0, boolean a1) throws java.sql.SQLException {
        delegate.updateBoolean(a0, a1);
    }

    @Override
    public void updateByte(java.lang.String a0, byte a1) throws java.sql.SQLException {
        delegate.updateByte(a0, a1);
    }

    @Override
    public void updateByte(int a0, byte a1) throws java.sql.SQLException {
        delegate.updateByte(a0, a1);
    }

    @Override
    public void updateBytes(java.lang.String a0, byte[] a1) throws java.sql.SQLException {
        delegate.updateBytes(a0, a1);
    }

    @Override
    public void updateBytes(int a0, byte[] a1) throws java.sql.SQLException {
        delegate.updateBytes(a0, a1);
    }

    @Override
    public void updateCharacterStream(java.lang.String a0, java.io.Reader a1, int a2) throws java.sql.SQLException {
        delegate.updateCharacterStream(a0, a1, a2);
    }

    @Override
    public void updateCharacterStream(java.lang.String a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        delegate.updateCharacterStream(a0, a1, a2);
    }

    @Override
    public void updateCharacterStream(java.lang.String a0, java.io.Reader a1) throws java.sql.SQLException {
        delegate.updateCharacterStream(a0, a1);
    }

    @Override
    public void updateCharacterStream(int a0, java.io.Reader a1, int a2) throws java.sql.SQLException {
        delegate.updateCharacterStream(a0, a1, a2);
    }

    @Override
    public void updateCharacterStream(int a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        delegate.updateCharacterStream(a0, a1, a2);
    }

    @Override
    public void updateCharacterStream(int a0, java.io.Reader a1) throws java.sql.SQLException {
        delegate.updateCharacterStream(a0, a1);
    }

    @Override
    public void updateClob(java.lang.String a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        delegate.updateClob(a0, a1, a2);
    }

    @Override
    public void updateClob(java.lang.String a0, java.io.Reader a1) throws java.sql.SQLException {
        delegate.updateClob(a0, a1);
    }

    @Override
    public void updateClob(java.lang.String a0, java.sql.Clob a1) throws java.sql.SQLException {
        delegate.updateClob(a0, a1);
    }

    @Override
    public void updateClob(int a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        delegate.updateClob(a0, a1, a2);
    }

    @Override
    public void updateClob(int a0, java.io.Reader a1) throws java.sql.SQLException {
        delegate.updateClob(a0, a1);
    }

    @Override
    public void updateClob(int a0, java.sql.Clob a1) throws java.sql.SQLException {
        delegate.updateClob(a0, a1);
    }

    @Override
    public void updateDate(java.lang.String a0, java.sql.Date a1) throws java.sql.SQLException {
        delegate.updateDate(a0, a1);
    }

    @Override
    public void updateDate(int a0, java.sql.Date a1) throws java.sql.SQLException {
        delegate.updateDate(a0, a1);
    }

    @Override
    public void updateDouble(java.lang.String a0, double a1) throws java.sql.SQLException {
        delegate.updateDouble(a0, a1);
    }

    @Override
    public void updateDouble(int a0, double a1) throws java.sql.SQLException {
        delegate.updateDouble(a0, a1);
    }

    @Override
    public void updateFloat(java.lang.String a0, float a1) throws java.sql.SQLException {
        delegate.updateFloat(a0, a1);
    }

    @Override
    public void updateFloat(int a0, float a1) throws java.sql.SQLException {
        delegate.updateFloat(a0, a1);
    }

    @Override
    public void updateInt(java.lang.String a0, int a1) throws java.sql.SQLException {
        delegate.updateInt(a0, a1);
    }

    @Override
    public void updateInt(int a0, int a1) throws java.sql.SQLException {
        delegate.updateInt(a0, a1);
    }

    @Override
    public void updateLong(java.lang.String a0, long a1) throws java.sql.SQLException {
        delegate.updateLong(a0, a1);
    }

    @Override
    public void updateLong(int a0, long a1) throws java.sql.SQLException {
        delegate.updateLong(a0, a1);
    }

    @Override
    public void updateNCharacterStream(java.lang.String a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        delegate.updateNCharacterStream(a0, a1, a2);
    }

    @Override
    public void updateNCharacterStream(java.lang.String a0, java.io.Reader a1) throws java.sql.SQLException {
        delegate.updateNCharacterStream(a0, a1);
    }

    @Override
    public void updateNCharacterStream(int a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        delegate.updateNCharacterStream(a0, a1, a2);
    }

    @Override
    public void updateNCharacterStream(int a0, java.io.Reader a1) throws java.sql.SQLException {
        delegate.updateNCharacterStream(a0, a1);
    }

    @Override
    public void updateNClob(java.lang.String a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        delegate.updateNClob(a0, a1, a2);
    }

    @Override
    public void updateNClob(java.lang.String a0, java.io.Reader a1) throws java.sql.SQLException {
        delegate.updateNClob(a0, a1);
    }

    @Override
    public void updateNClob(java.lang.String a0, java.sql.NClob a1) throws java.sql.SQLException {
        delegate.updateNClob(a0, a1);
    }

    @Override
    public void updateNClob(int a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        delegate.updateNClob(a0, a1, a2);
    }

    @Override
    public void updateNClob(int a0, java.io.Reader a1) throws java.sql.SQLException {
        delegate.updateNClob(a0, a1);
    }

    @Override
    public void updateNClob(int a0, java.sql.NClob a1) throws java.sql.SQLException {
        delegate.updateNClob(a0, a1);
    }

    @Override
    public void updateNString(java.lang.String a0, java.lang.String a1) throws java.sql.SQLException {
        delegate.updateNString(a0, a1);
    }

    @Override
    public void updateNString(int a0, java.lang.String a1) throws java.sql.SQLException {
        delegate.updateNString(a0, a1);
    }

    @Override
    public void updateNull(java.lang.String a0) throws java.sql.SQLException {
        delegate.updateNull(a0);
    }

    @Override
    public void updateNull(int a0) throws java.sql.SQLException {
        delegate.updateNull(a0);
    }

    @Override
    public void updateObject(java.lang.String a0, java.lang.Object a1, int a2) throws java.sql.SQLException {
        delegate.updateObject(a0, a1, a2);
    }

    @Override
    public void updateObject(java.lang.String a0, java.lang.Object a1, java.sql.SQLType a2, int a3) throws java.sql.SQLException {
        delegate.updateObject(a0, a1, a2, a3);
    }

    @Override
    public void updateObject(java.lang.String a0, java.lang.Object a1, java.sql.SQLType a2) throws java.sql.SQLException {
        delegate.updateObject(a0, a1, a2);
    }

    @Override
    public void updateObject(java.lang.String a0, java.lang.Object a1) throws java.sql.SQLException {
        delegate.updateObject(a0, a1);
    }

    @Override
    public void updateObject(int a0, java.lang.Object a1, int a2) throws java.sql.SQLException {
        delegate.updateObject(a0, a1, a2);
    }

    @Override
    public void updateObject(int a0, java.lang.Object a1, java.sql.SQLType a2, int a3) throws java.sql.SQLException {
        delegate.updateObject(a0, a1, a2, a3);
    }

    @Override
    public void updateObject(int a0, java.lang.Object a1, java.sql.SQLType a2) throws java.sql.SQLException {
        delegate.updateObject(a0, a1, a2);
    }

    @Override
    public void updateObject(int a0, java.lang.Object a1) throws java.sql.SQLException {
        delegate.updateObject(a0, a1);
    }

    @Override
    public void updateRef(java.lang.String a0, java.sql.Ref a1) throws java.sql.SQLException {
        delegate.updateRef(a0, a1);
    }

    @Override
    public void updateRef(int a0, java.sql.Ref a1) throws java.sql.SQLException {
        delegate.updateRef(a0, a1);
    }

    @Override
    public void updateRow() throws java.sql.SQLException {
        delegate.updateRow();
    }

    @Override
    public void updateRowId(java.lang.String a0, java.sql.RowId a1) throws java.sql.SQLException {
        delegate.updateRowId(a0, a1);
    }

    @Override
    public void updateRowId(int a0, java.sql.RowId a1) throws java.sql.SQLException {
        delegate.updateRowId(a0, a1);
    }

    @Override
    public void updateSQLXML(java.lang.String a0, java.sql.SQLXML a1) throws java.sql.SQLException {
        delegate.updateSQLXML(a0, a1);
    }

    @Override
    public void updateSQLXML(int a0, java.sql.SQLXML a1) throws java.sql.SQLException {
        delegate.updateSQLXML(a0, a1);
    }

    @Override
    public void updateShort(java.lang.String a0, short a1) throws java.sql.SQLException {
        delegate.updateShort(a0, a1);
    }

    @Override
    public void updateShort(int a0, short a1) throws java.sql.SQLException {
        delegate.updateShort(a0, a1);
    }

    @Override
    public void updateString(java.lang.String a0, java.lang.String a1) throws java.sql.SQLException {
        delegate.updateString(a0, a1);
    }

    @Override
    public void updateString(int a0, java.lang.String a1) throws java.sql.SQLException {
        delegate.updateString(a0, a1);
    }

    @Override
    public void updateTime(java.lang.String a0, java.sql.Time a1) throws java.sql.SQLException {
        delegate.updateTime(a0, a1);
    }

    @Override
    public void updateTime(int a0, java.sql.Time a1) throws java.sql.SQLException {
        delegate.updateTime(a0, a1);
    }

    @Override
    public void updateTimestamp(java.lang.String a0, java.sql.Timestamp a1) throws java.sql.SQLException {
        delegate.updateTimestamp(a0, a1);
    }

    @Override
    public void updateTimestamp(int a0, java.sql.Timestamp a1) throws java.sql.SQLException {
        delegate.updateTimestamp(a0, a1);
    }

    @Override
    public boolean wasNull() throws java.sql.SQLException {
        return delegate.wasNull();
    }
}
