package com.liferay.exportimport.kernel.configuration

class ExportImportConfigurationParameterMapFactoryUtil {
	static Map<String, String[]> buildParameterMap() {
		new LinkedHashMap<String, String[]>()
	}
}
