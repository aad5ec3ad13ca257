// A minimal database/sql driver for this program: one table-less query that returns
// `rows` rows, with prepared statements, transactions and connection-scoped statements.
// Each statement counts its rows not yet closed; Stmt.Close records that count, which
// the driver.Stmt contract says must be zero ("a Stmt will not be closed if it's in use
// by any queries").
package main

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"sync"
)

// closeRecord is what the driver saw at one Stmt.Close.
type closeRecord struct {
	openRows int // rows of the statement not yet closed
}

type recorder struct {
	mu     sync.Mutex
	closes []closeRecord
}

func (r *recorder) add(c closeRecord) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closes = append(r.closes, c)
}

func (r *recorder) snapshot() []closeRecord {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]closeRecord(nil), r.closes...)
}

type connector struct{ rec *recorder }

func (c *connector) Connect(context.Context) (driver.Conn, error) { return &conn{rec: c.rec}, nil }
func (c *connector) Driver() driver.Driver                        { return nil }

type conn struct{ rec *recorder }

func (c *conn) Prepare(query string) (driver.Stmt, error) { return &stmt{rec: c.rec}, nil }
func (c *conn) Close() error                              { return nil }
func (c *conn) Begin() (driver.Tx, error)                 { return tx{}, nil }

type tx struct{}

func (tx) Commit() error   { return nil }
func (tx) Rollback() error { return nil }

type stmt struct {
	rec      *recorder
	mu       sync.Mutex
	openRows int
	closed   bool
}

func (s *stmt) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	s.rec.add(closeRecord{openRows: s.openRows})
	return nil
}

func (s *stmt) NumInput() int { return 0 }

func (s *stmt) Exec([]driver.Value) (driver.Result, error) {
	return nil, errors.New("stmt_closed_under_rows: Exec not used")
}

func (s *stmt) Query([]driver.Value) (driver.Rows, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.openRows++
	return &rows{stmt: s, left: 2}, nil
}

type rows struct {
	stmt   *stmt
	left   int
	closed bool
}

func (r *rows) Columns() []string { return []string{"n"} }

func (r *rows) Close() error {
	if !r.closed {
		r.closed = true
		r.stmt.mu.Lock()
		r.stmt.openRows--
		r.stmt.mu.Unlock()
	}
	return nil
}

func (r *rows) Next(dest []driver.Value) error {
	if r.left == 0 {
		return io.EOF
	}
	r.left--
	dest[0] = int64(r.left)
	return nil
}
