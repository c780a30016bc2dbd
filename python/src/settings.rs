//! From the arguments of `rinse.Cleaner(...)` to a [`rinse::Config`], the way
//! the command line builds one: the configuration (TOML text, a dict of the
//! same shape, or a file), then the preset, the encoding, the steps switched
//! off and the steps switched on (the keyword arguments win).
//!
//! Everything a cleaner is built from is kept as plain data ([`Settings`]) so
//! that a pickled cleaner is rebuilt from it on a worker, never shipped as
//! compiled code.

use std::path::PathBuf;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use rinse::{Config, Preset, Step};

/// What a cleaner was built from: enough to build it again.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The configuration as TOML text (a dict is turned into TOML, a file is
    /// read), or `None` for the defaults.
    pub toml: Option<String>,
    /// The file the TOML came from, named in errors as the CLI names it.
    pub path: Option<PathBuf>,
    /// `preset=`.
    pub preset: Option<String>,
    /// `encoding=`.
    pub encoding: Option<String>,
    /// `disable=`.
    pub disable: Vec<String>,
    /// `enable=`.
    pub enable: Vec<String>,
}

impl Settings {
    /// The configuration these settings describe, in the command line's
    /// order: file, preset, encoding, disable, enable.
    pub fn config(&self) -> Result<Config, rinse::Error> {
        let mut config = match &self.toml {
            Some(text) => Config::from_toml_str(text).map_err(|err| self.in_file(err))?,
            None => Config::default(),
        };
        if let Some(preset) = &self.preset {
            config = config.preset(preset.parse::<Preset>()?);
        }
        if let Some(label) = &self.encoding {
            config = config.force_encoding(label.parse()?);
        }
        for name in &self.disable {
            config = config.set(name.parse::<Step>()?, false)?;
        }
        for name in &self.enable {
            config = config.set(name.parse::<Step>()?, true)?;
        }
        Ok(config)
    }

    /// Names the configuration file in an error about it, as the CLI does.
    pub fn in_file(&self, err: rinse::Error) -> rinse::Error {
        match &self.path {
            Some(path) => err.with_path(path),
            None => err,
        }
    }

    /// The settings as a tuple of plain values (for pickling).
    pub fn to_state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let path = self
            .path
            .as_ref()
            .map(|path| path.to_string_lossy().into_owned());
        (
            self.toml.clone(),
            path,
            self.preset.clone(),
            self.encoding.clone(),
            self.disable.clone(),
            self.enable.clone(),
        )
            .into_pyobject(py)
    }

    /// The settings back from [`Settings::to_state`].
    pub fn from_state(state: &Bound<'_, PyAny>) -> PyResult<Settings> {
        type State = (
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Vec<String>,
            Vec<String>,
        );
        let (toml, path, preset, encoding, disable, enable): State = state.extract()?;
        Ok(Settings {
            toml,
            path: path.map(PathBuf::from),
            preset,
            encoding,
            disable,
            enable,
        })
    }
}

/// Step names given as one string or an iterable of strings.
pub fn step_names(value: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Vec<String>> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    if value.is_none() {
        return Ok(Vec::new());
    }
    if let Ok(name) = value.cast::<PyString>() {
        return Ok(vec![name.extract::<String>()?]);
    }
    let mut names = Vec::new();
    for item in value.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "{what} takes a step name or an iterable of step names"
        ))
    })? {
        let item = item?;
        let name = item.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!(
                "{what} takes step names (str), not {}",
                type_name(&item)
            ))
        })?;
        names.push(name.extract::<String>()?);
    }
    Ok(names)
}

/// A dict of the configuration file's shape as TOML text, so that it is
/// read by the same parser, with the same errors, as a `rinse.toml`.
pub fn dict_to_toml(dict: &Bound<'_, PyDict>) -> PyResult<String> {
    let table = table(dict, "config")?;
    toml::to_string(&table).map_err(|err| PyTypeError::new_err(format!("config: {err}")))
}

fn table(dict: &Bound<'_, PyDict>, at: &str) -> PyResult<toml::Table> {
    let mut table = toml::Table::new();
    for (key, value) in dict.iter() {
        let key: String = key.extract().map_err(|_| {
            PyTypeError::new_err(format!("{at}: keys must be str, not {}", type_name(&key)))
        })?;
        let place = format!("{at}[{key:?}]");
        let value = toml_value(&value, &place)?;
        table.insert(key, value);
    }
    Ok(table)
}

fn toml_value(value: &Bound<'_, PyAny>, at: &str) -> PyResult<toml::Value> {
    if let Ok(flag) = value.cast::<PyBool>() {
        return Ok(toml::Value::Boolean(flag.is_true()));
    }
    if value.is_instance_of::<PyInt>() {
        return Ok(toml::Value::Integer(value.extract()?));
    }
    if value.is_instance_of::<PyFloat>() {
        return Ok(toml::Value::Float(value.extract()?));
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(toml::Value::String(text.extract::<String>()?));
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        return Ok(toml::Value::Table(table(dict, at)?));
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        let items = value
            .try_iter()?
            .enumerate()
            .map(|(i, item)| toml_value(&item?, &format!("{at}[{i}]")))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(toml::Value::Array(items));
    }
    Err(PyTypeError::new_err(format!(
        "{at}: a configuration holds str, bool, int, float, list and dict values, not {}",
        type_name(value)
    )))
}

/// The name of a value's type, for error messages.
pub fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}
