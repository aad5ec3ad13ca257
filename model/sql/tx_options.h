// Go's sql.IsolationLevel and sql.TxOptions, the options of DB::BeginTx.
#pragma once

namespace model::sql {

// Go: IsolationLevel and its constants LevelDefault ... LevelLinearizable.
enum class IsolationLevel : int {
  LevelDefault = 0,
  LevelReadUncommitted,
  LevelReadCommitted,
  LevelWriteCommitted,
  LevelRepeatableRead,
  LevelSnapshot,
  LevelSerializable,
  LevelLinearizable,
};

struct TxOptions {
  IsolationLevel Isolation = IsolationLevel::LevelDefault;
  bool ReadOnly = false;
};

}  // namespace model::sql
