// A minimal database/sql driver for this program: conns whose queries return rows that
// answer driver.ErrBadConn when closed (so a Rows closed by its context's cancel makes the
// sql.Conn close itself), and that report when the pool closes them.
package main

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"sync"
)

type connector struct{}

func (connector) Connect(context.Context) (driver.Conn, error) {
	return &fakeConn{closed: make(chan struct{})}, nil
}
func (connector) Driver() driver.Driver { return nil }

type fakeConn struct {
	closeOnce sync.Once
	closed    chan struct{} // closed when the pool closes the conn
}

func (c *fakeConn) Prepare(string) (driver.Stmt, error) { return nil, errors.New("not used") }
func (c *fakeConn) Begin() (driver.Tx, error)           { return nil, errors.New("not used") }
func (c *fakeConn) Close() error {
	c.closeOnce.Do(func() { close(c.closed) })
	return nil
}

// QueryContext (driver.QueryerContext) answers every query with badCloseRows.
func (c *fakeConn) QueryContext(context.Context, string, []driver.NamedValue) (driver.Rows, error) {
	return badCloseRows{}, nil
}

// badCloseRows has no rows, and its Close says the conn is bad.
type badCloseRows struct{}

func (badCloseRows) Columns() []string         { return []string{"n"} }
func (badCloseRows) Next([]driver.Value) error { return io.EOF }
func (badCloseRows) Close() error              { return driver.ErrBadConn }
